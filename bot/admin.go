package bot

import (
	"slices"

	"github.com/bwmarrin/discordgo"
)

// isAdmin reports whether whoever caused i may change the library: a listed
// user, a member with a listed role or, when allowed, with Manage Server.
// Discord hides /article from others by its default permissions, but a
// server admin can change those, so the bot checks again at every use.
func (b *Bot) isAdmin(i *discordgo.Interaction) bool {
	c := call{i: i}
	if id := c.userID(); id != "" && slices.Contains(b.cfg.AdminUserIDs, id) {
		return true
	}
	m := i.Member
	if m == nil {
		return false
	}
	for _, r := range m.Roles {
		if slices.Contains(b.cfg.AdminRoleIDs, r) {
			return true
		}
	}
	const manage = discordgo.PermissionManageGuild | discordgo.PermissionAdministrator
	return b.cfg.AllowManageServer && m.Permissions&manage != 0
}
