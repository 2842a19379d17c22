package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

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

// says are Parley's own words to the people who ask, in Ukrainian and
// Russian, by their English text, a format for fmt whose verbs each
// translation keeps in their order (TestSaysKeepTheirVerbs): the rate
// limit, a failure, a draft, a vote, a button that is not theirs. What an
// admin is told (adding articles and feeds) stays in English, as the
// commands' names do.
var says = map[string][2]string{ // English → {Ukrainian, Russian}
	"You're asking faster than I can answer: try again in %d s.": {
		"Ви питаєте швидше, ніж я встигаю відповідати: спробуйте ще раз за %d с.",
		"Вы спрашиваете быстрее, чем я успеваю отвечать: попробуйте снова через %d с."},
	"That took too long, so I stopped (error %s). Please try again in a while.": {
		"Це тривало задовго, тож я зупинився (помилка %s). Спробуйте ще раз трохи згодом.",
		"Это заняло слишком много времени, и я остановился (ошибка %s). Попробуйте ещё раз чуть позже."},
	"Something went wrong on my side (error %s). An admin can find the details in the log.": {
		"Щось пішло не так з мого боку (помилка %s). Адміністратор знайде подробиці в журналі.",
		"Что-то пошло не так с моей стороны (ошибка %s). Администратор найдёт подробности в журнале."},
	"That was rejected: %s.": {"Це відхилено: %s.", "Это отклонено: %s."},
	"✍️ *Draft: the quotes are still being checked against the articles.*": {
		"✍️ *Чернетка: цитати ще звіряються зі статтями.*",
		"✍️ *Черновик: цитаты ещё сверяются со статьями.*"},
	"Thanks, your 👍 is noted.": {"Дякую, ваш 👍 враховано.", "Спасибо, ваш 👍 учтён."},
	"Thanks, your 👎 is noted; it helps me find what to improve.": {
		"Дякую, ваш 👎 враховано: це допомагає мені знайти, що покращити.",
		"Спасибо, ваш 👎 учтён: это помогает мне понять, что улучшить."},
	"Only the person who asked can vote on this answer or see its passages.": {
		"Голосувати за цю відповідь і бачити її уривки може лише той, хто запитував.",
		"Голосовать за этот ответ и видеть его отрывки может только тот, кто спрашивал."},
	"I no longer have that answer on record.": {
		"Цієї відповіді в мене вже немає.", "Этого ответа у меня уже нет."},
	"That answer quotes no passages.": {
		"Ця відповідь не цитує жодного уривка.", "Этот ответ не цитирует ни одного отрывка."},
	"Parley is restarting, try again in a minute.": {
		"Parley перезапускається, спробуйте ще раз за хвилину.",
		"Parley перезапускается, попробуйте снова через минуту."},
	"The library has no articles yet.": {
		"У бібліотеці ще немає статей.", "В библиотеке пока нет статей."},
	"Sources":          {"Джерела", "Источники"},
	"Nearest articles": {"Найближчі статті", "Ближайшие статьи"},
}

// say is english in lang ("uk", "ru"; any other is English), with args.
func say(lang, english string, args ...any) string {
	text := english
	if l, ok := says[english]; ok {
		switch lang {
		case "uk":
			text = l[0]
		case "ru":
			text = l[1]
		}
	}
	if len(args) == 0 {
		return text
	}
	return fmt.Sprintf(text, args...)
}

// tellIn is tell, in lang.
func tellIn(lang, english string, args ...any) error {
	return &parley.Error{Message: say(lang, english, args...)}
}

// askerLanguage is the language to tell someone in: their question's,
// when it is in Ukrainian or Russian, as the answer is; with no question
// (a button, a list), their Discord client's; else English.
func askerLanguage(question string, locale discordgo.Locale) string {
	if strings.TrimSpace(question) != "" {
		return prose.QuestionLanguage(question)
	}
	switch locale {
	case discordgo.Ukrainian:
		return "uk"
	case discordgo.Russian:
		return "ru"
	}
	return "en"
}
