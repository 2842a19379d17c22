// Package bot puts Parley in Discord through discordgo: slash commands,
// mentions and replies, rendering within Discord's limits, and the checks
// (admin rights, rate limits) that every use goes through.
package bot
