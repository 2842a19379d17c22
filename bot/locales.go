package bot

import "github.com/bwmarrin/discordgo"

// describedIn are the descriptions of the commands everyone uses, and of
// their options, in Ukrainian and Russian, by their English text: Discord
// shows a user the ones of their client's language. The names stay as
// they are, so that "/ask" reads the same in every channel and in the
// README.
var describedIn = map[string][2]string{ // English → {Ukrainian, Russian}
	"Ask about the US–Russia–Ukraine peace talks; the answer quotes news articles": {
		"Запитайте про мирні переговори США, Росії та України; відповідь цитує статті",
		"Спросите о мирных переговорах США, России и Украины; ответ цитирует статьи"},
	"Your question": {"Ваше запитання", "Ваш вопрос"},
	"List the articles Parley quotes from": {
		"Статті, які цитує Parley", "Статьи, которые цитирует Parley"},
	"Words to look for; without it, the newest articles": {
		"Слова для пошуку; без них — найновіші статті", "Слова для поиска; без них — самые новые статьи"},
	"What happened: a short digest of the articles, with sources": {
		"Що сталося: короткий огляд статей із джерелами", "Что произошло: краткий обзор статей с источниками"},
	"Dated events, oldest first, with sources": {
		"Події з датами, від найдавніших, із джерелами", "События с датами, от самых ранних, с источниками"},
	"Only what is about this, e.g. sanctions": {
		"Лише про це, напр. санкції", "Только об этом, напр. санкции"},
	"24h, 7d, 2w or a date (2025-08-17); without it, the latest week": {
		"24h, 7d, 2w або дата (2025-08-17); без неї — останній тиждень", "24h, 7d, 2w или дата (2025-08-17); без неё — последняя неделя"},
	"24h, 7d, 2w or a date (2025-08-17)": {
		"24h, 7d, 2w або дата (2025-08-17)", "24h, 7d, 2w или дата (2025-08-17)"},
	"Summarise one article; type words of its title": {
		"Огляд однієї статті; введіть слова її заголовка", "Обзор одной статьи; введите слова её заголовка"},
}

// localise gives a command and its options their descriptions in
// Ukrainian and Russian, where describedIn has them.
func localise(def *discordgo.ApplicationCommand) {
	if l, ok := describedIn[def.Description]; ok {
		m := localised(l)
		def.DescriptionLocalizations = &m
	}
	for _, o := range def.Options {
		localiseOption(o)
	}
}

func localiseOption(o *discordgo.ApplicationCommandOption) {
	if l, ok := describedIn[o.Description]; ok && o.DescriptionLocalizations == nil {
		o.DescriptionLocalizations = localised(l)
	}
	for _, sub := range o.Options {
		localiseOption(sub)
	}
}

func localised(l [2]string) map[discordgo.Locale]string {
	return map[discordgo.Locale]string{discordgo.Ukrainian: l[0], discordgo.Russian: l[1]}
}
