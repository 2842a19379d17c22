package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-bot/parley"
)

// roleCase is one sentence (or span) of a newsroom or seed article as a
// careful editor reads it: what it is on the page, the exact quotable span
// and whose words it carries. The expectations were decided from the
// articles, not from what Sentences returns.
type roleCase struct {
	file string // a file name, or the start of one, in the newsroom set or data/
	find string // a substring of exactly the sentence meant
	// span is the expected text of the sentence: empty for find itself;
	// "head ... tail" for a span that starts with head and ends with tail.
	span string
	role parley.Role
	kind parley.AttributionKind
	// speaker is the full name; the surname alone also matches ("Trump"
	// for "Donald Trump"). speakerRole is compared only when set.
	speaker, speakerRole string
}

const (
	rowProse    = parley.RoleProse
	rowOutlet   = parley.Narration
	rowDirect   = parley.Direct
	rowReported = parley.Reported
	rowAnon     = parley.Anonymous
)

// sentenceRoleCases is the table that must pass.
var sentenceRoleCases = []roleCase{
	// A pronoun that introduces a quotation with a colon, in words of its
	// own, is the person named just before.
	{file: "a03", find: "A few moments later he pressed the point: \"Have you even said 'thank you' once?\"", role: rowProse, kind: rowDirect, speaker: "JD Vance"},
	// Headline repeated as the first line.
	{file: "a02", find: "US and Russia agree to restore embassies, open Ukraine talks", role: parley.RoleHeadline},
	{file: "a10", find: "Kyiv regime destroys Sudzha gas metering station in HIMARS strike, violating energy moratorium", role: parley.RoleHeadline},
	{file: "d05", find: "LIVE: Zelensky meets Trump at Mar-a-Lago; Moscow alleges drone attack on Putin residence", role: parley.RoleHeadline},

	// Datelines, and the quotable span that starts after them.
	{file: "a01", find: "RIYADH, Feb 18 (Baltic Wire) -", role: parley.RoleDateline},
	{file: "a01", find: "Senior American and Russian officials held their first formal talks", span: "Senior American and Russian officials held their first formal talks ... ", role: rowProse},
	{file: "a03", find: "WASHINGTON —", role: parley.RoleDateline},
	{file: "a04", find: "MOSCOW /Volga Daily/.", role: parley.RoleDateline},
	{file: "a09", find: "ODESA, March 25 (Black Sea Monitor) —", role: parley.RoleDateline},
	{file: "a09", find: "The United States said on Tuesday that Russia and Ukraine had each agreed to stop using force at sea", span: "The United States said on Tuesday that Russia and Ukraine had each agreed to stop using force at sea ... ", role: rowProse, kind: rowReported, speaker: "the United States"},
	{file: "c02", find: "PARIS (Baltic Wire) -", role: parley.RoleDateline},
	{file: "ru01", find: "ЭР-РИЯД, 19 февраля — «Невский курьер».", role: parley.RoleDateline},
	{file: "ru02", find: "СТАМБУЛ, 17 мая. /«Уральский обозреватель»/", role: parley.RoleDateline},
	{file: "uk01", find: "ЕР-РІЯД / КИЇВ.", role: parley.RoleDateline},
	{file: "uk05", find: "КИЇВ.", role: parley.RoleDateline},

	// Bylines.
	{file: "a01", find: "By Marta Lindqvist, Gulf Correspondent", role: parley.RoleByline},
	{file: "a01", find: "(Reporting by Marta Lindqvist; additional reporting by Oleh Danyliuk in Kyiv; editing by Paul Kerrigan)", role: parley.RoleByline},
	{file: "a06", find: "(Editing by Paul Kerrigan)", role: parley.RoleByline},
	{file: "ru02", find: "Текст: Андрей Мельников", role: parley.RoleByline},
	{file: "ru03", find: "Автор: Ольга Лебедева", role: parley.RoleByline},
	{file: "uk03", find: "Автор: Ірина Бондар", role: parley.RoleByline},

	// Captions and photo credits.
	{file: "a03", find: "President Donald Trump, right, meets with Ukrainian President Volodymyr Zelensky in the Oval Office at the White House, Friday, Feb. 28, 2025, in Washington.", role: parley.RoleCaption},
	{file: "a03", find: "(Potomac Dispatch Photo/Lee Harlan)", role: parley.RoleCaption},
	{file: "a09", find: "(Black Sea Monitor Photo/Serhiy Tkach)", role: parley.RoleCaption},
	{file: "ru01", find: "*Фото: Сергей Лавров и Марко Рубио перед началом встречи во дворце Дирия.", role: parley.RoleCaption},
	{file: "uk03", find: "Фото: Суспільне", role: parley.RoleCaption},

	// "See N more photos".
	{file: "a03", find: "See 3 more photos", role: parley.RolePhotos},
	{file: "a09", find: "See 5 more photos", role: parley.RolePhotos},

	// Timestamps, and the live-blog clock glued to prose.
	{file: "a02", find: "Posted Feb 19, 2025 12:41 AM CST", role: parley.RoleTimestamp},
	{file: "a05", find: "Last updated 5 March 2025, 20:52 Kyiv time", role: parley.RoleTimestamp},
	{file: "a05", find: "14:32 GMT —", role: parley.RoleTimestamp},
	{file: "a05", find: "Reaction on Capitol Hill is split.", role: rowProse},
	{file: "b04", find: "09:48 GMT —", role: parley.RoleTimestamp},
	{file: "b04", find: "The Ukrainian delegation has arrived at Ciragan Palace on the European shore of the Bosphorus.", role: rowProse},
	{file: "d05", find: "Sunday, December 28", role: parley.RoleTimestamp},
	{file: "b08", find: "Posted Jul 23, 2025 4:18 PM CDT", role: parley.RoleTimestamp},

	// Editor's notes.
	{file: "a03", find: "Editor's note: An earlier version of this story gave the wrong time for the departure of Zelensky's motorcade.", role: parley.RoleNote},
	{file: "a11", find: "This page is no longer being updated; our coverage continues on a new live page for Easter Sunday.", role: parley.RoleNote},
	{file: "b04", find: "Times are GMT; Istanbul is three hours ahead.", role: parley.RoleNote},
	{file: "c04", find: "Editor’s note: This live page has closed and is no longer being updated.", role: parley.RoleNote},
	{file: "b08", find: "Editor's note: This story has been updated to correct the title of Rustem Umerov", span: "Editor's note: This story has been updated to correct the title of Rustem Umerov ... this month.", role: parley.RoleNote},

	// Calls to action.
	{file: "a05", find: "Subscribe to our newsletter — the Kyiv Ledger morning briefing, in your inbox at 7:00 every weekday.", role: parley.RoleAction},
	{file: "b08", find: "Copyright 2025 Baltic Wire Service.", role: parley.RoleAction},
	{file: "b08", find: "All rights reserved.", role: parley.RoleAction},
	{file: "c02", find: "Subscribe to our newsletter", role: parley.RoleAction},

	// Related headlines and "Read more:".
	{file: "a02", find: "Read more: Zelenskiy puts off Saudi trip, says Kyiv will not accept deals made behind its back", role: parley.RoleRelated},
	{file: "a08", find: "Related coverage", role: parley.RoleRelated},
	{file: "a08", find: "- What a Black Sea truce would mean for grain shipping", role: parley.RoleRelated},
	{file: "a10", find: "Also on Volga Daily:", role: parley.RoleRelated},
	{file: "b02", find: "RELATED: Zelenskiy calls Russian team in Turkey \"decorative\" | Kremlin says Putin has no plans to travel to Istanbul", role: parley.RoleRelated},
	{file: "c08", find: "MORE FROM WORLD", role: parley.RoleRelated},
	{file: "ru02", find: "- Кто вошёл в украинскую делегацию: полный список", role: parley.RoleRelated},

	// Labels: lines that are no sentence.
	{file: "a02", find: "Baltic Wire Service", role: parley.RoleLabel},
	{file: "a12", find: "Key terms, as set out by Svyrydenko:", role: parley.RoleLabel},
	{file: "d04", find: "The hardest point", role: parley.RoleLabel},
	{file: "c11", find: "BACKGROUND: What Europe wants changed", role: parley.RoleLabel},

	// Sentences cut off where an excerpt ends.
	{file: "a04", find: "Dmitriev, taking part in talks with the Americans for the first time", span: "Dmitriev, taking part in talks with the Americans for the first time ... once political iss", role: parley.RoleTruncated},
	{file: "a07", find: "The U.S. had halted weapons deliveries on March 3", span: "The U.S. had halted weapons deliveries on March 3 ... stopped sharing intellig", role: parley.RoleTruncated},
	{file: "d12", find: "Budanov had set the tone on Monday", span: "Budanov had set the tone on Monday ... beside a train carr", role: parley.RoleTruncated},

	// Outlet narration.
	{file: "c10", find: "Neither Kyiv nor European capitals were involved in drafting it.", role: rowProse},
	{file: "dcbrief", find: "These protections may resemble NATO’s Article 5 clause, which treats an attack on one member as an attack on all.", role: rowProse},
	{file: "independent", find: "Trump met with Putin for nearly three hours Friday at a U.S. military base in Anchorage.", role: rowProse},
	{file: "b04", find: "It's over.", role: rowProse},

	// Direct: quoted, speaker named in the sentence.
	{file: "a01", find: `"One phone call followed by one meeting is not sufficient to establish enduring peace," Bruce told reporters.`, role: rowProse, kind: rowDirect, speaker: "Tammy Bruce", speakerRole: "State Department spokeswoman"},
	{file: "a10", find: `"The Russian side reserves the right, in case the Kyiv regime fails to observe the moratorium, not to observe it either," Peskov said.`, role: rowProse, kind: rowDirect, speaker: "Dmitry Peskov", speakerRole: "Kremlin spokesman"},
	{file: "b06", find: "Kremlin spokesman Dmitry Peskov said: “President Trump's statement is very serious.", span: "Kremlin spokesman Dmitry Peskov said: “President Trump's statement is very serious. We certainly need time to analyse what was said in Washington.”", role: rowProse, kind: rowDirect, speaker: "Dmitry Peskov", speakerRole: "Kremlin spokesman"},
	{file: "d08", find: "“The talks commenced today in Abu Dhabi and are scheduled to continue over two days,”", span: "“The talks commenced today in Abu Dhabi and are scheduled to continue over two days,” UAE Foreign Minister Sheikh Abdullah bin Zayed Al Nahyan said in a statement.", role: rowProse, kind: rowDirect, speaker: "Sheikh Abdullah bin Zayed Al Nahyan", speakerRole: "UAE Foreign Minister"},
	{file: "c07", find: `"Now is the time to stop the killing and for an immediate ceasefire," Treasury Secretary Scott Bessent said in a statement.`, role: rowProse, kind: rowDirect, speaker: "Scott Bessent", speakerRole: "Treasury Secretary"},
	{file: "d03", find: "“There has been sufficient dialogue on the territory", span: "“There has been sufficient dialogue on the territory, ... joint news conference with Merz.", role: rowProse, kind: rowDirect, speaker: "Volodymyr Zelensky"},
	{file: "independent", find: "Witkoff told CNN.", span: "“We were able to win the following concession: ... Witkoff told CNN.", role: rowProse, kind: rowDirect, speaker: "Steve Witkoff", speakerRole: "U.S. envoy"},
	{file: "uk08", find: "Кирило Дмитрієв заявив державним медіа", span: "Російський переговорник Кирило Дмитрієв заявив державним медіа: ... ", role: rowProse, kind: rowDirect, speaker: "Кирило Дмитрієв"},

	// Direct: "he said", "the minister said" from the sentences before.
	{file: "a01", find: `"We're going to need to have vibrant diplomatic missions`, span: `"We're going to need to have vibrant diplomatic missions ... conduits," he said.`, role: rowProse, kind: rowDirect, speaker: "Marco Rubio", speakerRole: "Secretary of State"},
	{file: "a03", find: `"You're gambling with World War III," the president said.`, role: rowProse, kind: rowDirect, speaker: "Donald Trump"},
	{file: "a04", find: "the presidential aide said.", span: "“We have agreed to take account of each other's interests ... the presidential aide said.", role: rowProse, kind: rowDirect, speaker: "Yuri Ushakov"},
	{file: "d06", find: "“Such reckless actions will not go unanswered,” the minister said.", role: rowProse, kind: rowDirect, speaker: "Sergei Lavrov", speakerRole: "Foreign Minister"},
	{file: "b07", find: `"Continuing the exchange of prisoners of war`, span: `"Continuing the exchange of prisoners of war, ... in the near future," he said.`, role: rowProse, kind: rowDirect, speaker: "Vladimir Medinsky", speakerRole: "Russia's chief negotiator"},
	{file: "c07", find: `He added that Treasury "is prepared to take further action`, span: `He added that Treasury "is prepared to take further action ... yet another war."`, role: rowProse, kind: rowDirect, speaker: "Scott Bessent"},
	{file: "uk06", find: "«Від початкової версії залишилося дуже мало», — сказав дипломат.", role: rowProse, kind: rowDirect, speaker: "Сергій Кислиця"},
	// A quotation standing alone after the speaker's own.
	{file: "a06", find: `"The ball is now in their court."`, role: rowProse, kind: rowDirect, speaker: "Marco Rubio"},
	{file: "a03", find: `"You're either going to make a deal or we're out."`, role: rowProse, kind: rowDirect, speaker: "Donald Trump"},

	// Reported speech in the outlet's words.
	{file: "a02", find: "Rubio said both embassies had to be brought back up to strength after years of tit-for-tat expulsions.", role: rowProse, kind: rowReported, speaker: "Marco Rubio"},
	{file: "a07", find: "Rubio told reporters that Washington would now take the offer to Moscow.", role: rowProse, kind: rowReported, speaker: "Marco Rubio"},
	{file: "b01", find: "Medinsky told reporters Moscow was satisfied with the result and wanted to keep the channel open.", role: rowProse, kind: rowReported, speaker: "Vladimir Medinsky"},
	{file: "dcbrief", find: "According to U.S. Special Envoy Steve Witkoff, Russia quickly made early concessions, signaling a shift in tone.", role: rowProse, kind: rowReported, speaker: "Steve Witkoff", speakerRole: "U.S. Special Envoy"},
	{file: "dcbrief", find: "However, White House Press Secretary Karoline Leavitt said the U.S. remains committed", span: "However, White House Press Secretary Karoline Leavitt said the U.S. remains committed ... international guarantees.", role: rowProse, kind: rowReported, speaker: "Karoline Leavitt", speakerRole: "White House Press Secretary"},
	{file: "dcbrief", find: "He said that security in Ukraine depends not only on military force", span: "He said that security in Ukraine depends not only on military force, ... trusted allies.", role: rowProse, kind: rowReported, speaker: "Volodymyr Zelenskyy"},
	{file: "a10", find: "According to the ministry, the double strike took place at about 10:20 Moscow time.", role: rowProse, kind: rowReported, speaker: "the ministry"},
	{file: "d11", find: "Kremlin spokesman Dmitry Peskov said it was too early to assess the results.", role: rowProse, kind: rowReported, speaker: "Dmitry Peskov", speakerRole: "Kremlin spokesman"},
	{file: "d06", find: "According to Ushakov, the American leader was shocked and outraged", span: "According to Ushakov, the American leader was shocked and outraged ... such actions.", role: rowProse, kind: rowReported, speaker: "Yuri Ushakov"},
	{file: "c09", find: "He warned that any sharp fall in Russian supplies to world markets would push up global energy prices.", role: rowProse, kind: rowReported, speaker: "Vladimir Putin"},
	{file: "b12", find: "Russia will not accept security guarantees for Ukraine that are drawn up without it", span: "Russia will not accept security guarantees for Ukraine that are drawn up without it, Foreign Minister Sergei Lavrov said ... ", role: rowProse, kind: rowReported, speaker: "Sergei Lavrov", speakerRole: "Foreign Minister"},
	{file: "b11", find: "Merz says Putin agreed to meet Zelensky within the next two weeks.", role: rowProse, kind: rowReported, speaker: "Friedrich Merz"},
	{file: "ru01", find: "Владимир Зеленский, находившийся во вторник с визитом в Турции, заявил", span: "Владимир Зеленский, находившийся во вторник с визитом в Турции, заявил ... ", role: rowProse, kind: rowReported, speaker: "Владимир Зеленский"},
	{file: "uk01", find: "Ушаков, зі свого боку, зазначив", span: "Ушаков, зі свого боку, зазначив, що говорити про зближення позицій поки зарано, а дату зустрічі Трампа і Путіна досі не визначено.", role: rowProse, kind: rowReported, speaker: "Юрій Ушаков"},
	{file: "uk03", find: "Мединський уточнив, що найближчим часом", span: "Мединський уточнив, що найближчим часом сторони обміняються щонайменше 1200 військовополоненими з кожного боку.", role: rowProse, kind: rowReported, speaker: "Володимир Мединський"},

	// Anonymous sources.
	{file: "a01", find: "Two people familiar with his thinking said Kyiv did not want to lend the Riyadh meeting any legitimacy", span: "Two people familiar with his thinking said ... the next day.", role: rowProse, kind: rowAnon},
	{file: "b01", find: "A Ukrainian official briefed on the discussion said the Russian side had raised conditions", span: "A Ukrainian official briefed on the discussion said ... before any truce.", role: rowProse, kind: rowAnon},
	{file: "a08", find: "The call lasted about 90 minutes, according to U.S. officials.", role: rowProse, kind: rowAnon},
	{file: "a05", find: "a White House official said.", span: "“We are pausing and reviewing our aid ... a White House official said.", role: rowProse, kind: rowAnon},
	{file: "d03", find: "Sources quoted by AFP said the Americans had pushed Kyiv", span: "Sources quoted by AFP said the Americans had pushed Kyiv ... has been demanding.", role: rowProse, kind: rowAnon},
	{file: "c04", find: "Lunch has finished but the talks have not, a Ukrainian official tells Capitol Brief.", role: rowProse, kind: rowAnon},

	// Rows that were known misses until the rules of RolesVersion 3 and 4.
	// Scraper prefix: the "date 2025-…" stamp a scraper puts before the text.
	{file: "a07", find: "date 2025-03-12 Wednesday, 12 March 2025 03:17 GMT", role: parley.RoleScraper},
	{file: "b12", find: "date 2025-08-20 Wednesday, 20 August 2025 15:47 GMT", role: parley.RoleScraper},
	// A live-blog clock with its day is a timestamp, not a scraper prefix.
	{file: "c11", find: "Sunday, 21:40 GMT —", role: parley.RoleTimestamp},
	// The headline repeated as a first line after the scraper's stamp.
	{file: "b05", find: "What Moscow's Istanbul memorandum demands, and the dispute over a list of children", role: parley.RoleHeadline},
	{file: "d09", find: "First US-Ukraine-Russia talks get under way in Abu Dhabi", role: parley.RoleHeadline},
	// Breadcrumbs and section names are labels, not headlines.
	{file: "ru01", find: "Главная / Мир / Дипломатия", role: parley.RoleLabel},
	{file: "uk02", find: "Новини > Політика > Війна і дипломатія", role: parley.RoleLabel},
	// A byline without "By"/"Автор:".
	{file: "ru01", find: "Ирина Соколова, специальный корреспондент", role: parley.RoleByline},
	{file: "uk02", find: "Андрій Коваленко, спеціально для «Дніпровської правди»", role: parley.RoleByline},
	// A date and time line is a timestamp.
	{file: "uk02", find: "17.05.2025 | 09:15 | Переглядів: 4 312", role: parley.RoleTimestamp},
	// Photo credits in brackets without "Photo/".
	{file: "b09", find: "(Kyiv Ledger/Pool photo by Andriy Sokil)", role: parley.RoleCaption},
	{file: "c05", find: "(Kremlin Press Service via Kyiv Ledger)", role: parley.RoleCaption},
	{file: "c06", find: "(Meridian Post/Leah Carrow)", role: parley.RoleCaption},
	{file: "d02", find: "(Pool Photo via Continental Press Agency)", role: parley.RoleCaption},
	// Related-headline headers and lists in Ukrainian and Russian.
	{file: "ru01", find: "**Читайте также:**", role: parley.RoleRelated},
	{file: "uk01", find: "Читайте також:", role: parley.RoleRelated},
	{file: "uk01", find: "— Трамп і Путін поговорили телефоном: що відомо про розмову", role: parley.RoleRelated},
	{file: "uk05", find: "— Хто такий Ден Дрісколл і чому саме він привіз план до Києва", role: parley.RoleRelated},
	{file: "d12", find: "More on the Ukraine talks", role: parley.RoleRelated},
	// A newsletter box after a related list is a call to action.
	{file: "ru03", find: "«Балтийский вестник» в вашей почте", span: "«Балтийский вестник» в вашей почте: каждый будний день в 8:00 — главные новости региона и мира.", role: parley.RoleAction},
	{file: "ru03", find: "Подписаться →", role: parley.RoleAction},
	{file: "dcbrief", find: "For more political updates, visit DC Brief.", role: parley.RoleAction},
	// Closing a live page is an editor's note.
	{file: "b11", find: "We're closing this live page for tonight.", role: parley.RoleNote},
	// A run-in heading is no dateline.
	{file: "c10", find: "NATO.", role: parley.RoleLabel},
	// Speakers named wrongly or not at all.
	{file: "ru03", find: "— сообщил Мединский", span: "«Мы договорились, ... — сообщил Мединский на пресс-подходе.", role: rowProse, kind: rowDirect, speaker: "Владимир Мединский"},
	{file: "a08", find: `Putin had said of the U.S. ceasefire plan: "The idea itself is the right one, and we support it."`, span: `Last Thursday, as Trump's envoy Steve Witkoff arrived in Moscow, Putin had said of the U.S. ceasefire plan: "The idea itself is the right one, and we support it."`, role: rowProse, kind: rowDirect, speaker: "Vladimir Putin"},
	{file: "a11", find: "Yesterday Zelensky wrote: “This is how Russia began this Good Friday", span: "Yesterday Zelensky wrote: ... and cities.”", role: rowProse, kind: rowDirect, speaker: "Volodymyr Zelensky"},
	{file: "b11", find: "Ursula von der Leyen, speaking alongside Zelensky", span: "European Commission President Ursula von der Leyen, ... guarantees for Ukraine.”", role: rowProse, kind: rowDirect, speaker: "Ursula von der Leyen", speakerRole: "European Commission President"},
	{file: "c09", find: `"Dialogue is always better than confrontation`, span: `"Dialogue is always better than confrontation ... continuing dialogue.`, role: rowProse, kind: rowDirect, speaker: "Vladimir Putin"},
	{file: "c11", find: `He added that "the Russians get a vote here."`, role: rowProse, kind: rowDirect, speaker: "Marco Rubio"},
	{file: "d10", find: "Kharkiv Mayor Ihor Terekhov wrote.", span: "“The goal is obvious: ... Kharkiv Mayor Ihor Terekhov wrote.", role: rowProse, kind: rowDirect, speaker: "Ihor Terekhov", speakerRole: "Kharkiv Mayor"},
	{file: "uk07", find: "Віткофф у мережі X написав", span: "Віткофф у мережі X написав: ... в Абу-Дабі».", role: rowProse, kind: rowDirect, speaker: "Стів Віткофф"},
	{file: "uk01", find: "«Нас не запрошували на цю російсько-американську зустріч у Саудівській Аравії.", role: rowProse, kind: rowDirect, speaker: "Володимир Зеленський"},
	{file: "uk01", find: "Для нас це стало несподіванкою», — сказав він.", role: rowProse, kind: rowDirect, speaker: "Володимир Зеленський"},
	{file: "ru07", find: "президент Украины рассказал", span: "Позднее, выслушав делегацию, президент Украины рассказал ... ", role: rowProse, kind: rowReported, speaker: "Владимир Зеленский"},
	{file: "a11", find: "U.S. Secretary of State Marco Rubio, speaking in Paris yesterday, warned", span: "U.S. Secretary of State Marco Rubio, speaking in Paris yesterday, warned ... ", role: rowProse, kind: rowReported, speaker: "Marco Rubio", speakerRole: "U.S. Secretary of State"},
	{file: "independent", find: "Secretary of State Marco Rubio, appearing separately Sunday on ABC", span: "Secretary of State Marco Rubio, appearing separately Sunday on ABC, said ... off the table.", role: rowProse, kind: rowReported, speaker: "Marco Rubio", speakerRole: "Secretary of State"},
	// Quotations after "he said" lines of a named speaker.
	{file: "independent", find: "“There is an important discussion to be had with regard to Donetsk", span: "“There is an important discussion to be had with regard to Donetsk ... ,” he said.", role: rowProse, kind: rowDirect, speaker: "Steve Witkoff"},
	{file: "independent", find: "he continued.", span: "“We made so much progress at this meeting ... ,” he continued.", role: rowProse, kind: rowDirect, speaker: "Steve Witkoff"},
	{file: "independent", find: "“We are intent on trying to hammer out a peace deal", span: "“We are intent on trying to hammer out a peace deal ... quicker than a ceasefire.”", role: rowProse, kind: rowDirect, speaker: "Steve Witkoff"},
	{file: "b11", find: "Trump posts on social media: “I called President Putin", span: "Trump posts on social media: “I called President Putin, ... ", role: rowProse, kind: rowDirect, speaker: "Donald Trump"},
	{file: "c04", find: "calling it “very interesting and cordial.”", span: "Trump has posted about the meeting on his social media platform, calling it “very interesting and cordial.”", role: rowProse, kind: rowDirect, speaker: "Donald Trump"},
	// Reported speech read as narration.
	{file: "independent", find: "However U.S. envoy Steve Witkoff revealed that Putin agreed", span: "However U.S. envoy Steve Witkoff revealed that Putin agreed ... his meeting with Trump.", role: rowProse, kind: rowReported, speaker: "Steve Witkoff", speakerRole: "U.S. envoy"},
	{file: "dcbrief", find: "He avoided disclosing details but confirmed that Russian officials appeared more willing", span: "He avoided disclosing details but confirmed that ... this first round.", role: rowProse, kind: rowReported, speaker: "Steve Witkoff"},
	{file: "dcbrief", find: "Meanwhile, Witkoff also indicated that Russia showed openness", span: "Meanwhile, Witkoff also indicated that ... protection for Ukraine.", role: rowProse, kind: rowReported, speaker: "Steve Witkoff"},
	{file: "dcbrief", find: "Afterward, Trump made it clear that U.S. troops would not be deployed to Ukraine.", role: rowProse, kind: rowReported, speaker: "Donald Trump"},
	{file: "dcbrief", find: "According to him, strong signals from Washington", span: "According to him, strong signals from Washington ... future threats.", role: rowProse, kind: rowReported, speaker: "Volodymyr Zelenskyy"},
	{file: "a05", find: "CIA Director John Ratcliffe has confirmed that the U.S. paused intelligence sharing", span: "CIA Director John Ratcliffe has confirmed ... military aid.", role: rowProse, kind: rowReported, speaker: "John Ratcliffe", speakerRole: "CIA Director"},
	{file: "b04", find: "Umerov, at a news conference: the Russians handed over their memorandum", span: "Umerov, at a news conference: ... days ago.", role: rowProse, kind: rowReported, speaker: "Rustem Umerov"},
	// A dash quotation's speaker after a time and a role in lower case,
	// and the "он" of the next sentence, who is that speaker.
	{file: "ru08", find: "«Переговоры продолжаются сегодня", span: "«Переговоры продолжаются сегодня, ... главе государства.", role: rowProse, kind: rowDirect, speaker: "Дмитрий Песков"},
	{file: "ru08", find: "В пятницу он высказался подробнее:", span: "В пятницу он высказался подробнее: ... работа конструктивная и одновременно очень сложная.", role: rowProse, kind: rowDirect, speaker: "Дмитрий Песков"},
	// Unnamed sources.
	{file: "b11", find: "Trump has stepped out of the meeting to phone Putin, according to two people familiar with the call.", role: rowProse, kind: rowAnon},
}

// knownMisses are sentences whose expected role or attribution the code
// does not give yet. They are run and reported, not failed; a row that
// starts passing says so, to be moved into sentenceRoleCases.
var knownMisses = []roleCase{
	// Prose after a related list is prose again. (The paragraph is cut off
	// mid-word where the body ends, "…up with Trump perso", as the
	// truncated rows of a04, a07 and d12 are: no rule gives it prose without
	// undoing theirs.)
	{file: "c12", find: "Zelensky, speaking by video to leaders of the coalition of the willing on Tuesday", span: "Zelensky, speaking by video to leaders of the coalition of the willing on Tuesday, said ... ", role: rowProse, kind: rowReported, speaker: "Volodymyr Zelensky"},
}

// articleFiles are the newsroom articles and the seeds.
func articleFiles(t testing.TB) []string {
	t.Helper()
	news, err := filepath.Glob("../eval/sets/newsroom/articles/*.md")
	if err != nil {
		t.Fatal(err)
	}
	seeds, err := filepath.Glob("../data/*.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(news) == 0 || len(seeds) == 0 {
		t.Fatalf("found %d newsroom articles and %d seeds", len(news), len(seeds))
	}
	return append(news, seeds...)
}

type parsedArticle struct {
	body string
	ss   []parley.Sentence
}

// loadArticles parses every article once and decides its sentences.
func loadArticles(t *testing.T) map[string]parsedArticle {
	t.Helper()
	out := map[string]parsedArticle{}
	for _, path := range articleFiles(t) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		a, err := Parse(name, b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = parsedArticle{body: a.Body, ss: Sentences(a.Title, a.Body)}
	}
	return out
}

// lookup resolves a row's file by its name's start.
func lookup(arts map[string]parsedArticle, file string) (string, parsedArticle, bool) {
	for name, a := range arts {
		if name == file || strings.HasPrefix(name, file+"-") || strings.HasPrefix(name, file) && strings.HasSuffix(file, ".md") {
			return name, a, true
		}
	}
	return "", parsedArticle{}, false
}

// check compares one row with what Sentences decided and returns what
// differs, or nothing.
func (c roleCase) check(arts map[string]parsedArticle) []string {
	name, a, ok := lookup(arts, c.file)
	if !ok {
		return []string{"no article " + c.file}
	}
	if strings.Count(a.body, c.find) == 0 {
		return []string{name + ": body has no " + quoteText(c.find)}
	}
	var hit *parley.Sentence
	for i := range a.ss {
		if strings.Contains(a.body[a.ss[i].Start:a.ss[i].End], c.find) {
			hit = &a.ss[i]
			break
		}
	}
	if hit == nil {
		return []string{name + ": no one sentence contains " + quoteText(c.find)}
	}
	got := a.body[hit.Start:hit.End]
	var diffs []string
	if !spanMatches(got, c.find, c.span) {
		want := c.span
		if want == "" {
			want = c.find
		}
		diffs = append(diffs, "span "+quoteText(got)+", want "+quoteText(want))
	}
	if hit.Role != c.role {
		diffs = append(diffs, "role "+hit.Role.String()+", want "+c.role.String())
	}
	if hit.Said.Kind != c.kind {
		diffs = append(diffs, "attribution "+hit.Said.Kind.String()+", want "+c.kind.String())
	}
	if !sameSpeaker(hit.Said.Speaker, c.speaker) {
		diffs = append(diffs, "speaker "+quoteText(hit.Said.Speaker)+", want "+quoteText(c.speaker))
	}
	if c.speakerRole != "" && hit.Said.SpeakerRole != c.speakerRole {
		diffs = append(diffs, "speaker role "+quoteText(hit.Said.SpeakerRole)+", want "+quoteText(c.speakerRole))
	}
	if len(diffs) > 0 {
		diffs[0] = name + ": " + quoteText(c.find) + ": " + diffs[0]
	}
	return diffs
}

func spanMatches(got, find, span string) bool {
	if span == "" {
		return got == find
	}
	head, tail, ok := strings.Cut(span, " ... ")
	if !ok {
		return got == span
	}
	return strings.HasPrefix(got, head) && strings.HasSuffix(got, tail) && len(got) >= len(head)+len(tail)
}

// sameSpeaker compares speakers by name: the article may name a person in
// full once and by surname after, so a row gives the full name and the
// surname alone also matches.
func sameSpeaker(got, want string) bool {
	return got == want || got != "" && strings.HasSuffix(want, " "+got)
}

func quoteText(s string) string {
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return "«" + s + "»"
}

func TestSentenceRoles(t *testing.T) {
	arts := loadArticles(t)
	for _, c := range sentenceRoleCases {
		if d := c.check(arts); len(d) > 0 {
			t.Error(strings.Join(d, "; "))
		}
	}
}

// TestSentenceRolesKnownMisses runs the rows the code gets wrong today: it
// logs each one still missed, and fails when one starts to pass, so that the
// row moves to sentenceRoleCases and is held from then on.
func TestSentenceRolesKnownMisses(t *testing.T) {
	arts := loadArticles(t)
	missing := 0
	for _, c := range knownMisses {
		d := c.check(arts)
		switch {
		case len(d) == 0:
			t.Errorf("now passes, move it to sentenceRoleCases: %s %s", c.file, quoteText(c.find))
		case strings.HasPrefix(d[0], "no article") || strings.Contains(d[0], "body has no"):
			t.Errorf("bad row: %s", d[0])
		default:
			missing++
			t.Log("known miss: " + strings.Join(d, "; "))
		}
	}
	t.Logf("%d of %d known misses still missed", missing, len(knownMisses))
}

// TestSentenceRolesTableCovers checks that the tables cover every role and
// every kind of attribution, and the three languages.
func TestSentenceRolesTableCovers(t *testing.T) {
	all := append(append([]roleCase{}, sentenceRoleCases...), knownMisses...)
	roles := map[parley.Role]bool{}
	kinds := map[parley.AttributionKind]int{}
	for _, c := range all {
		roles[c.role] = true
		kinds[c.kind]++
	}
	for r := parley.RoleProse; r <= parley.RoleTruncated; r++ {
		if !roles[r] {
			t.Errorf("no row with role %s", r)
		}
	}
	for k := parley.Narration; k <= parley.Anonymous; k++ {
		if kinds[k] == 0 {
			t.Errorf("no row with attribution %s", k)
		}
	}
	attributed := 0
	for _, c := range sentenceRoleCases {
		if c.kind != rowOutlet {
			attributed++
		}
	}
	if len(sentenceRoleCases) < 80 || attributed < 20 {
		t.Errorf("%d rows, %d attributed; want at least 80 and 20", len(sentenceRoleCases), attributed)
	}
}

// TestSentencesProperties holds over every newsroom article and seed.
func TestSentencesProperties(t *testing.T) {
	for name, a := range loadArticles(t) {
		prev := 0
		for i, s := range a.ss {
			if s.Start < prev || s.End < s.Start || s.End > len(a.body) {
				t.Errorf("%s: sentence %d at [%d,%d) after %d in a body of %d bytes", name, i, s.Start, s.End, prev, len(a.body))
				continue
			}
			prev = s.End
			text := a.body[s.Start:s.End]
			if s.Said.Kind == parley.Direct {
				if !strings.ContainsAny(text, "\"“”«»„") {
					t.Errorf("%s: direct without quotation marks: %s", name, quoteText(text))
				}
				if s.Said.Speaker == "" {
					t.Errorf("%s: direct without a speaker: %s", name, quoteText(text))
				}
			}
			if s.Role != parley.RoleProse && s.Said != (parley.Attribution{}) {
				t.Errorf("%s: %s carries an attribution (%s, %q): %s", name, s.Role, s.Said.Kind, s.Said.Speaker, quoteText(text))
			}
		}
	}
}

// BenchmarkSentences decides the sentences of every newsroom article and
// seed, the per-article cost the rules add to an ingest.
func BenchmarkSentences(b *testing.B) {
	var arts [][2]string
	for _, path := range articleFiles(b) {
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		a, err := Parse(filepath.Base(path), raw)
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, [2]string{a.Title, a.Body})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			Sentences(a[0], a[1])
		}
	}
}
