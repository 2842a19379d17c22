package synth

// The word lists and sentence templates below are the whole "knowledge" of
// the generator. They are written by hand so that the common vocabulary of
// the corpus is the vocabulary of real coverage of the talks: retrieval cost
// in an FTS5 index is driven by the terms that occur in almost every
// document, so those terms have to be the real ones.

// outlet is a publisher; the domain makes URLs look like that outlet's.
type outlet struct{ name, domain string }

var outlets = []outlet{
	{"Reuters", "www.reuters.com"},
	{"Associated Press", "apnews.com"},
	{"BBC News", "www.bbc.com"},
	{"The Guardian", "www.theguardian.com"},
	{"Kyiv Independent", "kyivindependent.com"},
	{"Politico", "www.politico.com"},
	{"Politico Europe", "www.politico.eu"},
	{"The New York Times", "www.nytimes.com"},
	{"The Washington Post", "www.washingtonpost.com"},
	{"The Wall Street Journal", "www.wsj.com"},
	{"Financial Times", "www.ft.com"},
	{"Bloomberg", "www.bloomberg.com"},
	{"CNN", "edition.cnn.com"},
	{"NBC News", "www.nbcnews.com"},
	{"CBS News", "www.cbsnews.com"},
	{"ABC News", "abcnews.go.com"},
	{"Fox News", "www.foxnews.com"},
	{"NPR", "www.npr.org"},
	{"Al Jazeera", "www.aljazeera.com"},
	{"Deutsche Welle", "www.dw.com"},
	{"France 24", "www.france24.com"},
	{"Euronews", "www.euronews.com"},
	{"The Independent", "www.the-independent.com"},
	{"The Telegraph", "www.telegraph.co.uk"},
	{"The Times", "www.thetimes.com"},
	{"Sky News", "news.sky.com"},
	{"Axios", "www.axios.com"},
	{"The Hill", "thehill.com"},
	{"Newsweek", "www.newsweek.com"},
	{"The Economist", "www.economist.com"},
	{"Ukrainska Pravda", "www.pravda.com.ua"},
	{"Kyiv Post", "www.kyivpost.com"},
	{"The Moscow Times", "www.themoscowtimes.com"},
	{"Meduza", "meduza.io"},
	{"Radio Free Europe/Radio Liberty", "www.rferl.org"},
	{"Le Monde", "www.lemonde.fr"},
	{"Der Spiegel", "www.spiegel.de"},
	{"Semafor", "www.semafor.com"},
	{"DC Brief", "dcbrief.com"},
	{"Foreign Policy", "foreignpolicy.com"},
	{"Time", "time.com"},
}

var authorFirst = []string{
	"Andrew", "Anna", "Daniel", "Emma", "James", "Laura", "Michael", "Sarah",
	"David", "Olena", "Yuliia", "Dmytro", "Oleksandr", "Tom", "Guy", "Shaun",
	"Natalia", "Mark", "Jonathan", "Kateryna", "Matthew", "Rachel", "Felix",
	"Ivana", "Steve", "Paul", "Hanna", "Lucy", "Max", "Isabel", "Peter",
	"Catherine", "Vladimir", "Alexander", "Sophie", "Jennifer", "Philip", "Elena",
}

var authorLast = []string{
	"Osborn", "Light", "Balmforth", "Faulconbridge", "Roth", "Harding", "Sauer",
	"Walker", "Gordon", "Kullab", "Novikov", "Horowitz", "Kramer", "Troianovski",
	"Dixon", "Stern", "Seddon", "Olearchyk", "Ivanova", "Hopkins", "Lynch",
	"Tsvetkova", "Mackinnon", "Zinets", "Mannix", "Schreck", "Sabbagh", "Bilousova",
	"Korshak", "Kuznetsova", "Chernova", "Willis", "Lopez", "Morgan", "Ward",
	"Fischer", "Moreau", "Rossi", "Nowak", "Ellis",
}

// person is a public figure. The role prefix is used on first mention
// ("Secretary of State Marco Rubio"), the appositive after a quote
// ("Marco Rubio, the U.S. secretary of state, said"), and the surname after.
type person struct {
	key, role, full, last, appos string
	female                       bool
}

var people = []person{
	{"trump", "U.S. President", "Donald Trump", "Trump", "the U.S. president", false},
	{"vance", "Vice President", "JD Vance", "Vance", "the U.S. vice president", false},
	{"rubio", "Secretary of State", "Marco Rubio", "Rubio", "the U.S. secretary of state", false},
	{"witkoff", "U.S. special envoy", "Steve Witkoff", "Witkoff", "Trump’s special envoy", false},
	{"hegseth", "Defense Secretary", "Pete Hegseth", "Hegseth", "the U.S. defense secretary", false},
	{"kellogg", "retired Gen.", "Keith Kellogg", "Kellogg", "Trump’s envoy for Ukraine", false},
	{"driscoll", "Army Secretary", "Dan Driscoll", "Driscoll", "the U.S. Army secretary", false},
	{"kushner", "former White House adviser", "Jared Kushner", "Kushner", "Trump’s son-in-law", false},
	{"leavitt", "White House press secretary", "Karoline Leavitt", "Leavitt", "the White House press secretary", true},
	{"bessent", "Treasury Secretary", "Scott Bessent", "Bessent", "the U.S. treasury secretary", false},
	{"putin", "Russian President", "Vladimir Putin", "Putin", "the Russian president", false},
	{"lavrov", "Russian Foreign Minister", "Sergei Lavrov", "Lavrov", "Russia’s foreign minister", false},
	{"peskov", "Kremlin spokesman", "Dmitry Peskov", "Peskov", "the Kremlin spokesman", false},
	{"dmitriev", "Kremlin envoy", "Kirill Dmitriev", "Dmitriev", "the head of Russia’s sovereign wealth fund", false},
	{"ushakov", "Kremlin aide", "Yuri Ushakov", "Ushakov", "Putin’s foreign policy adviser", false},
	{"medinsky", "Russian negotiator", "Vladimir Medinsky", "Medinsky", "the head of Russia’s delegation", false},
	{"zakharova", "Foreign Ministry spokeswoman", "Maria Zakharova", "Zakharova", "the Russian Foreign Ministry spokeswoman", true},
	{"medvedev", "former Russian President", "Dmitry Medvedev", "Medvedev", "the deputy chairman of Russia’s Security Council", false},
	{"zelensky", "Ukrainian President", "Volodymyr Zelensky", "Zelensky", "the Ukrainian president", false},
	{"yermak", "presidential chief of staff", "Andriy Yermak", "Yermak", "Zelensky’s chief of staff", false},
	{"umerov", "Security Council Secretary", "Rustem Umerov", "Umerov", "Ukraine’s chief negotiator", false},
	{"sybiha", "Foreign Minister", "Andrii Sybiha", "Sybiha", "Ukraine’s foreign minister", false},
	{"svyrydenko", "Prime Minister", "Yulia Svyrydenko", "Svyrydenko", "Ukraine’s prime minister", true},
	{"budanov", "military intelligence chief", "Kyrylo Budanov", "Budanov", "the head of Ukraine’s military intelligence", false},
	{"syrskyi", "Commander-in-Chief", "Oleksandr Syrskyi", "Syrskyi", "Ukraine’s top commander", false},
	{"starmer", "British Prime Minister", "Keir Starmer", "Starmer", "the British prime minister", false},
	{"macron", "French President", "Emmanuel Macron", "Macron", "the French president", false},
	{"merz", "German Chancellor", "Friedrich Merz", "Merz", "the German chancellor", false},
	{"stubb", "Finnish President", "Alexander Stubb", "Stubb", "the Finnish president", false},
	{"meloni", "Italian Prime Minister", "Giorgia Meloni", "Meloni", "the Italian prime minister", true},
	{"erdogan", "Turkish President", "Recep Tayyip Erdogan", "Erdogan", "the Turkish president", false},
	{"rutte", "NATO Secretary General", "Mark Rutte", "Rutte", "the NATO secretary general", false},
	{"vdl", "European Commission President", "Ursula von der Leyen", "von der Leyen", "the European Commission president", true},
	{"kallas", "EU foreign policy chief", "Kaja Kallas", "Kallas", "the EU’s top diplomat", true},
	{"tusk", "Polish Prime Minister", "Donald Tusk", "Tusk", "the Polish prime minister", false},
	{"orban", "Hungarian Prime Minister", "Viktor Orban", "Orban", "the Hungarian prime minister", false},
}

// Sides, weighted by how often each figure is quoted in real coverage.
const (
	sideUS = iota
	sideRU
	sideUA
	sideEU
	nSides
)

var sideKeys = [nSides]string{"u", "r", "k", "e"}

var sideWeights = [nSides][]string{
	{"trump", "trump", "trump", "trump", "witkoff", "witkoff", "witkoff", "rubio", "rubio", "rubio", "vance", "hegseth", "kellogg", "kellogg", "driscoll", "kushner", "leavitt", "bessent"},
	{"putin", "putin", "putin", "putin", "peskov", "peskov", "peskov", "lavrov", "lavrov", "lavrov", "dmitriev", "dmitriev", "ushakov", "ushakov", "medinsky", "zakharova", "medvedev"},
	{"zelensky", "zelensky", "zelensky", "zelensky", "zelensky", "yermak", "yermak", "umerov", "umerov", "sybiha", "sybiha", "svyrydenko", "budanov", "syrskyi"},
	{"starmer", "starmer", "macron", "macron", "merz", "merz", "stubb", "meloni", "erdogan", "rutte", "rutte", "vdl", "kallas", "tusk", "orban"},
}

var venues = []string{
	"Anchorage", "Istanbul", "Riyadh", "Geneva", "Abu Dhabi", "Jeddah", "Miami",
	"Budapest", "Doha", "Berlin", "Paris", "London", "Washington", "Moscow",
	"Rome", "Brussels", "Helsinki", "Vienna",
}

var fronts = []string{
	"Pokrovsk", "Kostiantynivka", "Huliaipole", "Kupiansk", "Siversk", "Myrnohrad",
	"Chasiv Yar", "Toretsk", "Lyman", "Orikhiv", "Vovchansk", "Kramatorsk",
	"Sloviansk", "Zaporizhzhia", "Kherson", "Kharkiv", "Sumy",
}

var citiesUA = []string{
	"Kyiv", "Odesa", "Kharkiv", "Dnipro", "Lviv", "Zaporizhzhia", "Sumy",
	"Poltava", "Kryvyi Rih", "Chernihiv", "Mykolaiv", "Kherson", "Ternopil",
}

var regions = []string{
	"Donetsk region", "Luhansk region", "Zaporizhzhia region", "Kherson region",
	"Kharkiv region", "Dnipropetrovsk region", "Sumy region",
}

var media = []string{
	"CNN", "Fox News", "ABC’s “This Week”", "NBC’s “Meet the Press”",
	"CBS’ “Face the Nation”", "Reuters", "the BBC", "Axios", "Politico",
	"reporters", "NBC News", "The Associated Press", "Sky News", "Bloomberg",
}

var social = []string{"X", "Truth Social", "Telegram", "Facebook"}

var hours = []string{
	"nearly three hours", "more than five hours", "about 90 minutes",
	"four and a half hours", "almost two hours", "more than three hours",
	"about an hour", "nearly six hours",
}

var npoints = []string{"28-point", "28-point", "28-point", "20-point", "19-point", "12-point", "22-point", "10-point"}

var moneys = []string{
	"$300 billion", "€210 billion", "$100 billion", "$500 billion", "€140 billion",
	"€90 billion", "$50 billion", "€185 billion", "$12 billion", "$2 trillion",
}

var pcts = []string{"25%", "50%", "100%", "500%", "25 percent", "50 percent"}

var caps = []string{"$60", "$47.60", "$44.10", "$45"}

var ordinals = []string{
	"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
	"10th", "11th", "12th", "14th", "16th", "18th", "19th", "20th",
}

var counts = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "10", "a dozen"}

var ndays = []string{"10", "14", "30", "50", "60", "90", "100"}

var adjPos = []string{"productive", "constructive", "useful", "substantive", "frank", "businesslike", "positive", "detailed"}

var thinkTanks = []string{
	"Chatham House in London", "the Carnegie Endowment for International Peace",
	"the Institute for the Study of War", "the Royal United Services Institute",
	"the Atlantic Council", "the Center for Strategic and International Studies",
	"the Brookings Institution", "the European Council on Foreign Relations",
	"the Kyiv School of Economics", "the Razumkov Centre in Kyiv",
	"the International Institute for Strategic Studies", "the RAND Corporation",
	"the Stockholm International Peace Research Institute", "Bruegel in Brussels",
	"the Carnegie Russia Eurasia Center in Berlin", "the Finnish Institute of International Affairs",
}

var analystRoles = []string{
	"an analyst at", "a senior fellow at", "a researcher at",
	"a former diplomat now at", "director of the Russia program at", "an economist at",
}

var analystFirst = []string{
	"Olena", "Oksana", "Mykola", "Taras", "Iryna", "Dmytro", "Anna", "Pavel",
	"Tatiana", "Mikhail", "Sarah", "Michael", "James", "Emily", "Thomas",
	"Katarzyna", "Jan", "Lukas", "Marie", "Pierre", "Sofia", "Andreas", "Nina",
	"Yevhen", "Orysia", "Bohdan", "Alexandra", "Liam", "Hanna", "Viktor",
}

// Coined words are built from consonant-onset + single-vowel syllables, so
// the syllable sequence of a word decodes uniquely: distinct ranks give
// distinct stems, which is what makes the rare tail follow the Zipf draw.
var onsets = []string{
	"b", "br", "ch", "d", "dr", "h", "hr", "k", "kh", "kr", "l", "m", "n", "p",
	"pr", "r", "s", "sh", "sk", "st", "t", "tr", "v", "vl", "z", "zh", "zv",
	"f", "g", "hl", "sl", "ml",
}

var vowels = []string{"a", "e", "i", "o", "u"}

// Suffixes per kind of coined word. They start with a consonant so that
// they join the vowel-final stem without an awkward vowel cluster.
var (
	villageSuffix = []string{"vka", "ne", "vske", "horod", "pil", "nka", "vo", "ky", "rske", "vtsi"}
	surnameSuffix = []string{"nko", "chuk", "vych", "ski", "nov", "shyn", "lenko", "rov", "ts", "nyk"}
	companySuffix = []string{"prom", "tek", "gaz", "trans", "com", "tech", "stal", "energo"}
	rareSuffix    = []string{"", "", "n", "s", "ra", "t", "l", "r"}
)

const (
	topicSummit = iota
	topicPlan
	topicSanctions
	topicGuarantees
	topicPrisoners
	topicEnergy
	topicTerritory
	topicAssets
	topicBlackSea
	topicNuclear
	topicElections
	topicCoalition
	topicWeapons
	topicEconomy
	nTopics
)

// topicText holds, per topic, the headlines, the lead sentences and the body
// sentences that only make sense for that story.
type topicText struct {
	titles, leads, body    []string
	titlesC, leadsC, bodyC []tmpl // compiled at init
}

var topics = [nTopics]topicText{
	topicSummit: {
		titles: []string{
			"Trump and Putin meet in {venue} as Ukraine watches from the sidelines",
			"Trump says he will meet Putin in {venue} to push for Ukraine peace deal",
			"Kremlin plays down hopes of a breakthrough before Trump-Putin summit",
			"What we know about the Trump-Putin talks in {venue}",
		},
		leads: []string{
			"{p:trump} and {p:putin} met for {hours} in {venue} {day}, their first face-to-face talks on ending the war in Ukraine since Russia invaded.",
			"{p:trump} said {day} he expected to meet {p:putin} in {venue}, reviving hopes of a summit that could bring Russia and Ukraine closer to peace.",
			"The Kremlin said {day} that a new meeting between {p:putin} and {p:trump} was being prepared, though Russia and Ukraine remained far apart on a ceasefire.",
		},
		body: []string{
			"The summit ended without a joint statement, and neither leader took questions from reporters after their brief remarks to the press.",
			"Aides said the two presidents discussed a possible trilateral meeting with {p:zelensky}, though the Kremlin later played down the prospect of such talks.",
			"{p:zelensky} was not invited to the summit in {venue}, a decision that alarmed officials in Kyiv and in several European capitals.",
			"Preparations for the meeting were handled by {p:witkoff} and {p:dmitriev}, who have built a close working relationship over the past year.",
			"{p:trump} called the meeting a ten out of ten but acknowledged that there was no deal until there was a deal, and promised to call European leaders.",
		},
	},
	topicPlan: {
		titles: []string{
			"Ukraine and US narrow differences on {npoint} peace plan",
			"What is in the {npoint} peace plan for Ukraine?",
			"Europe pushes counterproposal to US peace plan as Kyiv weighs concessions",
			"Zelensky says revised peace plan is a step forward but issues remain",
		},
		leads: []string{
			"Ukraine and the United States have agreed on most points of a revised {npoint} peace plan, officials said {day}, though the hardest questions about territory and security remain unresolved.",
			"A {npoint} plan drafted by {p:witkoff} and {p:dmitriev} would require Ukraine to cede the rest of the Donbas and cap its army, a copy shows.",
			"{p:zelensky} said {day} that Ukraine was working with Washington on a {npoint} peace plan and would not accept any document that rewarded Russia for its invasion.",
		},
		body: []string{
			"The original draft would have capped Ukraine’s armed forces at 600,000 troops and barred the country from ever joining NATO, provisions that Kyiv rejected outright.",
			"European governments produced a counterproposal that dropped the territorial concessions and replaced them with a ceasefire along the current line of contact.",
			"Officials said the revised framework had been cut to {npoint2} points after the talks in Geneva, with the most sensitive items left for the leaders to decide.",
			"The plan also envisages using {money} of frozen Russian assets for a U.S.-led reconstruction fund, an idea that has irritated several European governments.",
			"Russian officials said they had received the outline of the plan through unofficial channels and were studying it, but insisted that the root causes of the war be addressed.",
		},
	},
	topicSanctions: {
		titles: []string{
			"US sanctions Russian oil giants as Trump loses patience with Putin",
			"EU agrees new sanctions package aimed at Russia’s shadow fleet",
			"Kremlin says sanctions will not change its position on Ukraine",
			"Senators push bill for sweeping new Russia sanctions",
		},
		leads: []string{
			"The United States imposed new sanctions on Russia’s largest oil companies {day}, a sharp escalation of pressure on Moscow as talks on ending the war in Ukraine stalled.",
			"The European Union approved its {ordinal} package of sanctions against Russia {day}, targeting the shadow fleet of tankers that carries Russian oil around the price cap.",
			"{p:rubio} said {day} that further sanctions on Russia were likely off the table, because new penalties could end the talks on a peace deal for Ukraine.",
		},
		body: []string{
			"The measures target Rosneft and Lukoil, which together account for roughly half of Russia’s crude exports, and threaten secondary sanctions on banks that do business with them.",
			"Among the vessels added to the list was the tanker {tanker}, which officials said had repeatedly switched off its transponder in the Baltic Sea.",
			"{p:trump} has also threatened tariffs of up to {pct} on countries that keep buying Russian oil, singling out India and China.",
			"The oil price cap, lowered by the European Union to {cap} a barrel, is meant to squeeze the revenue that pays for Russia’s war against Ukraine.",
			"A bipartisan bill in the Senate would impose sweeping sanctions on Russia and tariffs on its trading partners, but it has been held back while the talks continue.",
		},
	},
	topicGuarantees: {
		titles: []string{
			"Witkoff says Russia agreed to ‘game-changing’ security guarantees for Ukraine",
			"Security guarantees for Ukraine take shape as allies draft Article 5-style pledge",
			"Allies debate what security guarantees for Kyiv should look like",
		},
		leads: []string{
			"Security guarantees for Ukraine have become the central question of the peace talks, with {p:witkoff} saying {day} that Russia had agreed to Article 5-like protections for Kyiv.",
			"European and American officials are drafting security guarantees that would protect Ukraine from a future Russian attack without committing U.S. troops to the ground.",
			"{p:zelensky} said {day} that Ukraine would not sign any peace agreement with Russia without legally binding security guarantees backed by the United States and Europe.",
		},
		body: []string{
			"The protections would resemble NATO’s Article 5 clause, which treats an attack on one member as an attack on all, but would not amount to membership of the alliance.",
			"The coalition of the willing, led by Britain and France, has said it is ready to send a reassurance force to Ukraine once a ceasefire is in place.",
			"Moscow has repeatedly rejected the idea of European peacekeepers in Ukraine, calling any foreign troops on Ukrainian soil legitimate targets for Russian forces.",
			"{p:trump} has said the United States would provide air support and intelligence as a backstop, but he has ruled out sending American troops.",
			"Ukrainian officials want the guarantees ratified by the U.S. Congress, arguing that the Budapest Memorandum of 1994 showed that political promises are not enough.",
		},
	},
	topicPrisoners: {
		titles: []string{
			"Russia and Ukraine swap {prisoners} prisoners in largest exchange of the war",
			"Ukraine brings home {prisoners} prisoners as peace talks grind on",
			"Prisoner exchange offers rare sign of progress in Russia-Ukraine talks",
		},
		leads: []string{
			"Russia and Ukraine exchanged {prisoners} prisoners of war {day}, one of the largest swaps since the full-scale invasion and one of the few concrete results of the talks in {venue}.",
			"Ukraine brought home {prisoners} soldiers and civilians in a prisoner exchange mediated by the United Arab Emirates, {p:zelensky} said {day}.",
		},
		body: []string{
			"The released Ukrainians included defenders of Mariupol who had been held in Russian captivity for more than three years, officials said.",
			"Relatives waited for hours near the border in the Chernihiv region, holding photographs of missing soldiers and asking the released men for any news.",
			"Negotiators in Istanbul agreed to a 1,000-for-1,000 exchange, and further swaps of wounded soldiers and the bodies of the dead followed over several weeks.",
			"Ukraine’s coordination headquarters for prisoners of war said thousands of Ukrainians were still held in Russia, many of them in harsh conditions.",
		},
	},
	topicEnergy: {
		titles: []string{
			"Russian strikes on energy grid plunge {cityua} into darkness",
			"Ukraine hits Russian refinery as energy war escalates",
			"Ukraine braces for a hard winter after attacks on energy infrastructure",
		},
		leads: []string{
			"Russia launched one of its largest attacks of the war on Ukraine’s energy infrastructure {day}, knocking out power to millions of people as winter approached.",
			"Ukraine struck a major Russian oil refinery with long-range drones {day}, the latest in a campaign of attacks on the energy infrastructure that funds Moscow’s war.",
		},
		body: []string{
			"Ukrenergo, the state grid operator, announced rolling blackouts in {cityua} and several other regions after thermal power plants and substations were damaged.",
			"Officials said the refinery near {village} had halted processing after a fire broke out, though they did not say how long repairs would take.",
			"Both sides have discussed a moratorium on strikes against energy facilities, but earlier attempts at such a truce collapsed within weeks amid mutual accusations.",
			"Naftogaz, Ukraine’s state energy company, said it would need to import gas from Europe to get through the winter after Russian missiles hit its production sites.",
		},
	},
	topicTerritory: {
		titles: []string{
			"Russia claims capture of {village} as Donbas demands stall peace talks",
			"Zelensky rejects Russian demand to withdraw from Donetsk region",
			"Territory remains the hardest question in Ukraine peace talks",
		},
		leads: []string{
			"Russia has demanded that Ukraine withdraw from the parts of the Donetsk region it still controls as a condition for peace, a demand {p:zelensky} has repeatedly rejected.",
			"Russian forces claimed {day} to have captured the village of {village} in the {region}, as Moscow pressed its advance in Ukraine while the talks continued.",
		},
		body: []string{
			"Ukrainian commanders say holding the fortress belt of cities such as Kramatorsk and Sloviansk is essential to the defense of the rest of the country.",
			"Ukraine’s constitution forbids ceding territory without a nationwide referendum, and {p:zelensky} has said any such decision would have to be put to voters.",
			"Proposals under discussion include a demilitarized zone in the Donbas and a freeze of the front line in the Zaporizhzhia and Kherson regions.",
			"Russia’s Defense Ministry said its troops had taken control of {village} near {front}, a claim that could not be independently verified.",
			"Russia annexed Crimea in 2014 and later claimed four more regions of Ukraine, none of which it fully controls, in a move most of the world has not recognized.",
		},
	},
	topicAssets: {
		titles: []string{
			"EU leaders split over using frozen Russian assets for Ukraine",
			"Belgium blocks {money} reparations loan backed by frozen Russian assets",
			"Frozen Russian assets become bargaining chip in peace talks",
		},
		leads: []string{
			"European Union leaders failed {day} to agree on using frozen Russian assets to fund a {money} reparations loan for Ukraine, after Belgium demanded stronger legal guarantees.",
			"The fate of roughly {money} in frozen Russian central bank assets has become a major point of friction between Washington and its European allies.",
		},
		body: []string{
			"Most of the assets are held by Euroclear, a clearing house in Brussels, and Belgian officials fear being left alone to face Russian lawsuits.",
			"The Kremlin has warned that any seizure of its reserves would be treated as theft and has threatened retaliation against Western companies still operating in Russia.",
			"Under the reparations loan proposal, Ukraine would only repay the money if Russia agreed to pay compensation for the damage caused by the war.",
			"The World Bank has estimated the cost of rebuilding Ukraine at more than $500 billion over the next decade, a figure that keeps rising with every winter of strikes.",
		},
	},
	topicBlackSea: {
		titles: []string{
			"Black Sea ceasefire deal raises hopes for grain exports",
			"Sea drones hit Russian tankers in the Black Sea",
			"Ukraine keeps grain corridor open despite Russian attacks on Odesa",
		},
		leads: []string{
			"Russia and Ukraine agreed in principle to a ceasefire in the Black Sea {day}, the White House said, in a deal that could secure the grain corridor for commercial shipping.",
			"Ukrainian sea drones struck two tankers of Russia’s shadow fleet in the Black Sea {day}, raising insurance costs for ships calling at Russian ports.",
		},
		body: []string{
			"The grain corridor out of Odesa has allowed Ukraine to keep exporting wheat and corn despite Russian attacks on ports along the Danube.",
			"Moscow has said it would only observe a maritime truce if sanctions on its state agricultural bank were lifted and it was reconnected to the SWIFT payments system.",
			"Turkey, which controls access to the Black Sea through the Bosphorus, has offered to host talks on maritime security and to help clear mines from shipping lanes.",
		},
	},
	topicNuclear: {
		titles: []string{
			"Zaporizhzhia nuclear plant loses outside power again, IAEA says",
			"Who should run the Zaporizhzhia nuclear plant after the war?",
		},
		leads: []string{
			"The International Atomic Energy Agency said {day} that the Zaporizhzhia nuclear plant had lost its last external power line for the {ordinal} time since Russian forces seized it.",
			"Control of the Zaporizhzhia nuclear plant, Europe’s largest, remains one of the most difficult issues in the talks between Russia and Ukraine, with Washington proposing that it be run jointly.",
		},
		body: []string{
			"IAEA Director General Rafael Grossi has called for a local ceasefire around the plant so that repair crews can restore power lines damaged by shelling.",
			"The plant’s six reactors have been in cold shutdown for more than three years, but they still need electricity to cool the nuclear fuel.",
			"Under one proposal, the United States would operate the plant and share the electricity it produces between Ukraine and the occupied territories.",
		},
	},
	topicElections: {
		titles: []string{
			"Zelensky says Ukraine ready for elections after ceasefire",
			"Putin questions Zelensky’s legitimacy as talks stall",
			"Could Ukraine hold a referendum on a peace deal?",
		},
		leads: []string{
			"{p:putin} said {day} that Zelensky lacked the legitimacy to sign a peace agreement, repeating Moscow’s demand that Ukraine hold elections before any deal with Russia.",
			"{p:zelensky} said Ukraine could hold elections within {ndays} days of a ceasefire with Russia if its partners guaranteed the security of the vote.",
		},
		body: []string{
			"Ukraine’s constitution bars elections under martial law, which has been in force since February 2022 and has been extended by parliament every 90 days.",
			"Polls by the Kyiv International Institute of Sociology show that most Ukrainians oppose holding a vote while the country is still under attack.",
			"A referendum on any territorial settlement would also require a pause in the fighting, officials in Kyiv say, because millions of voters are displaced or abroad.",
		},
	},
	topicCoalition: {
		titles: []string{
			"Coalition of the willing agrees plan for postwar force in Ukraine",
			"Starmer and Macron rally allies behind peacekeeping mission for Ukraine",
			"European allies meet in {venue} to plan Ukraine reassurance force",
		},
		leads: []string{
			"Leaders of the coalition of the willing met in {venue} {day} to finalize plans for a multinational force that would deploy to Ukraine after a ceasefire with Russia.",
			"{p:starmer} and {p:macron} said {day} that more than {count2} countries had joined the coalition of the willing, which would back a peace deal with troops.",
		},
		body: []string{
			"The force would be based away from the front line and would focus on training, air policing over western Ukraine and helping to secure the Black Sea.",
			"Military planners have met in Paris and London to work out how many troops each country could contribute and under what rules of engagement.",
			"Several countries have said they would only take part if the United States agreed to provide a backstop, including air defense and intelligence support.",
		},
	},
	topicWeapons: {
		titles: []string{
			"Zelensky asks Trump for Tomahawks and more Patriot batteries",
			"Russia warns US against sending long-range missiles to Kyiv",
			"Ukraine’s drone makers race to keep up with Russian attacks",
		},
		leads: []string{
			"Ukraine has asked the United States for more Patriot batteries and long-range Tomahawk missiles, {p:zelensky} said {day}, as Russia stepped up its drone and missile attacks.",
			"{p:trump} said {day} that he was considering sending Tomahawk missiles to Ukraine if Russia refused to agree to a ceasefire, a move the Kremlin warned would be a serious escalation.",
		},
		body: []string{
			"Each Patriot battery costs about $1 billion, and Ukraine says it needs at least {count} more to protect its cities and energy infrastructure.",
			"Ukraine now produces most of its own drones, with manufacturers such as {company} turning out thousands of long-range and interceptor drones each month.",
			"European countries have bought American air defense systems for Ukraine under the PURL program, with Germany, the Netherlands and the Nordic countries contributing.",
			"{p:hegseth} said {day} that the Pentagon would review its stockpiles before approving any new transfers of missiles to Ukraine.",
		},
	},
	topicEconomy: {
		titles: []string{
			"Trump threatens tariffs on buyers of Russian oil",
			"Kremlin envoy pitches business deals to Washington as talks continue",
			"Russia’s economy slows as sanctions and war spending bite",
		},
		leads: []string{
			"{p:trump} threatened {day} to impose tariffs of {pct} on countries that buy Russian oil unless Moscow agreed to a ceasefire in Ukraine within {ndays} days.",
			"{p:dmitriev} arrived in Washington {day} with proposals for U.S.-Russian business deals worth {money}, which he said could follow a peace agreement on Ukraine.",
		},
		body: []string{
			"India, one of the largest buyers of Russian crude, has cut its purchases in recent months after Washington raised tariffs on Indian goods.",
			"American officials have discussed joint projects in the Arctic and in rare earth minerals with Russia, but only after a settlement in Ukraine, Kremlin officials said.",
			"Russia’s central bank has kept interest rates in the high teens to fight inflation, and economists expect growth to slow to below 1% this year.",
		},
	},
}

// general holds sentences that fit any story about the talks. They carry
// most of the high-frequency vocabulary.
var general = []string{
	"The talks in {venue} lasted {hours}, and officials on both sides described them as {adjpos} but said no breakthrough had been reached on the central questions.",
	"{p:witkoff} and {p:kushner} met {p:putin} at the Kremlin {day} for talks that lasted {hours}.",
	"{p:u} said {day} that the United States was still pushing for a deal that would end the war in Ukraine and restore trade with Russia.",
	"Kremlin officials have repeatedly said that Moscow will not accept a ceasefire until its core demands on territory and NATO are met.",
	"European leaders have insisted on a seat at the table, warning that any peace deal negotiated without them could leave Ukraine exposed to a future Russian attack.",
	"Ukraine’s delegation, led by {p:umerov}, was expected to travel to {venue} later in the week to continue work on the {npoint} framework.",
	"Diplomats familiar with the discussions said the sticking points remained the fate of the Donbas, control of the Zaporizhzhia nuclear plant and the size of Ukraine’s army.",
	"{p:trump} has set several deadlines for Moscow to agree to a ceasefire, and each time he has let them pass without imposing the penalties he threatened.",
	"The Kremlin said {day} that Putin had no immediate plans to meet Zelensky, arguing that such a meeting would only make sense once an agreement was ready to be signed.",
	"Russia’s economy has slowed sharply under the weight of sanctions, high interest rates and falling oil revenue, according to figures released {day} by the central bank.",
	"Officials in Kyiv privately worry that Washington is losing patience and could walk away from the talks if no agreement with Russia is reached soon.",
	"The White House did not immediately respond to a request for comment on the latest draft of the peace plan, which has not been made public.",
	"Two people familiar with the negotiations, who spoke on condition of anonymity to discuss private talks, said the draft had been revised at least {count} times.",
	"NATO allies meeting in Brussels {day} discussed how to keep weapons flowing to Ukraine while the negotiations with Russia continue.",
	"Since the full-scale invasion began in February 2022, hundreds of thousands of soldiers have been killed or wounded and millions of Ukrainians have fled their homes.",
	"Russia occupies roughly a fifth of Ukraine’s territory, including Crimea, most of Luhansk and large parts of the Donetsk, Zaporizhzhia and Kherson regions.",
	"{p:e} said European countries would keep up their support for Ukraine regardless of the outcome of the talks between Washington and Moscow.",
	"The talks have been complicated by continued Russian strikes on {cityua} and other cities, which Ukrainian officials say show that Moscow is not serious about peace.",
	"According to a readout released by the Kremlin, {p:putin} told {p:trump} in a phone call lasting {hours} that Russia remained committed to a negotiated settlement.",
	"Markets reacted cautiously to the news, with European defense stocks falling and the Russian ruble strengthening against the dollar {day}.",
	"The meeting in {venue} was the {ordinal} round of talks between Russian and Ukrainian officials since direct negotiations between the two countries resumed in Istanbul.",
	"{p:rubio} told reporters {day} that the United States had received a response from Moscow and was studying it carefully before deciding on the next steps.",
	"Ukraine’s allies in Europe have pledged to spend more on defense and to buy American weapons for Kyiv under a NATO-run program known as PURL.",
	"The proposal would freeze the front line near {front} while leaving the status of the rest of the Donbas to be settled in later negotiations.",
	"The two sides last met on {date} in {venue}, when they agreed to keep working on a ceasefire but failed to settle the question of territory.",
	"{p:vance} said {day} that the administration would not keep funding the war indefinitely and that both Russia and Ukraine would have to make concessions.",
	"Officials in Moscow have welcomed the change of tone in Washington, but the Kremlin has shown little willingness to compromise on its war aims in Ukraine.",
	"{p:lavrov} said {day} that Russia would not accept the deployment of troops from NATO countries in Ukraine under any flag, including as peacekeepers.",
	"{p:zelensky} spoke by phone with {p:e} {day} to coordinate Europe’s position before the next round of talks with the American delegation.",
	"The negotiations, led on the American side by Witkoff and Rubio, have so far failed to produce a ceasefire, and the Kremlin insists its conditions for peace are unchanged.",
	"In Kyiv, air raid sirens sounded for hours {day} as Russia kept up its attacks on Ukrainian cities even as its envoys talked about peace.",
	"{p:peskov} told reporters {day} that the Kremlin saw some positive elements in the American proposals but that much work remained to be done.",
	"Polls show that most Ukrainians support a ceasefire along the current front line but reject any deal that would require them to give up more territory to Russia.",
	"{p:sybiha} said {day} that Ukraine wanted peace more than anyone, but that a just peace could not be built on rewarding the aggressor.",
	"The European Union has prepared a {ordinal} package of sanctions against Russia, and officials in Brussels say they will not lift any measures until the war ends.",
	"Analysts note that Trump has swung between praising Putin and threatening Moscow with sanctions, leaving both Kyiv and European capitals uncertain about his next move.",
}

// quotes holds what each side says, without the closing punctuation, so the
// quote templates can add the comma of “…,” he said.
var quotes = [nSides][]string{
	sideUS: {
		"We made so much progress on all the other ingredients necessary for a peace deal",
		"The president wants the killing to stop, and he wants it to stop now",
		"We are closer than we have ever been, but there are still a couple of hard issues on territory",
		"Nobody is going to get everything they want, and that is what a negotiation looks like",
		"The minute you levy additional sanctions, the talking stops",
		"This is a living document, and we expect it to keep changing as we hear from both sides",
		"We are not going to negotiate this in the press, and we are not going to leak the details",
		"There is a deal to be made here, and the president is determined to make it",
		"We think the {npoint} plan is a good basis for the talks in {venue}",
		"Ukraine will have to make some concessions, and so will Russia",
		"Article 5-like protection is on the table, and that is a real change",
		"We need to see real movement from Moscow before the president sits down with Putin again",
		"Nobody is talking about American troops on the ground in Ukraine",
		"The sanctions on Rosneft and Lukoil are going to stay until we see a serious offer",
		"It was the first time we had ever heard the Russians agree to that",
	},
	sideRU: {
		"Russia remains open to a political and diplomatic settlement, but our goals remain unchanged",
		"The root causes of the conflict have to be addressed before there can be any ceasefire",
		"Any deployment of European troops in Ukraine would be unacceptable to us",
		"We are not going to conduct these negotiations through the media",
		"The contacts with the Americans are useful, and they will continue",
		"Nothing has been agreed until everything has been agreed",
		"The Kyiv regime is not ready for peace, and the Europeans are encouraging it",
		"Sanctions have never worked against Russia and they will not work now",
		"There is still a lot of work to be done on the {npoint} document",
		"The meeting in {venue} was constructive, but it is too early to speak of results",
		"The seizure of Russian assets would be outright theft, and we will respond",
		"The situation on the battlefield speaks for itself, and Kyiv should take that into account",
	},
	sideUA: {
		"Ukraine will never recognize the occupied territories as Russian",
		"We need security guarantees that actually work, not just words on paper",
		"Putin only understands pressure, and the sanctions are working",
		"We are ready to work in any format that brings a just and lasting peace",
		"Every night Russia sends hundreds of drones against our cities, and that is its answer to diplomacy",
		"Ukraine needs more Patriot systems before winter, and our partners know that",
		"We cannot trade our land for promises",
		"Our delegation is working constructively with the American team",
		"A ceasefire must come first, and then we can talk about everything else",
		"The frozen Russian assets should pay for the reconstruction of Ukraine",
		"We are grateful to President Trump for his efforts, but the details matter",
		"Without Europe at the table there will be no lasting peace",
	},
	sideEU: {
		"Europe must be at the table when the future of Ukraine is decided",
		"There can be no decisions about Ukraine without Ukraine",
		"The coalition of the willing is ready to support Ukraine once the fighting stops",
		"We will keep up the pressure on Moscow until Putin is serious about peace",
		"Russia is the aggressor, and any agreement has to reflect that",
		"We are prepared to deploy a reassurance force, but only after a ceasefire",
		"The frozen assets are the strongest lever we have, and we should use it",
		"Peace cannot mean the capitulation of Ukraine",
		"NATO’s door remains open, and that has not changed",
		"Security guarantees must be robust, or they are worth nothing",
		"We welcome every effort to end this war, including the American initiative",
	},
}

// quoteForms attribute a quote of the current side to one of its figures.
var quoteForms = []string{
	"“{q},” {s} told {media}.",
	"“{q},” {s} said {day}.",
	"“{q},” {s} said in a statement.",
	"“{q},” {s} wrote on {social}.",
	"“{q},” {s} said at a news conference in {venue}.",
	"{p} told reporters {day}: “{q}.”",
	"“{q},” {s} said, adding that the talks would continue.",
}

// analystQuotes are the outside voices that carry the coined names.
var analystQuotes = []string{
	"The Kremlin believes time is on its side, and nothing in these talks has changed that calculation",
	"Both sides are negotiating as much with Washington as with each other",
	"Without credible security guarantees, any ceasefire would simply be a pause before the next war",
	"The question is not whether there will be a deal but what kind of Ukraine survives it",
	"Sanctions are biting, but not fast enough to change Putin’s mind this year",
	"Europe has finally realized that it cannot outsource its security to Washington",
	"What matters is not the number of points in the plan but who enforces them",
}

// tail sentences carry coined place, person, company and ship names, so
// that the corpus has a long tail of rare terms as real news does.
var tail = []string{
	"{analyst}, said the negotiations had reached a stage where the remaining issues could only be settled by the leaders themselves.",
	"In the village of {village}, residents said they had heard explosions through the night and that the local school had been damaged for the {ordinal} time.",
	"Investigators said the tanker {tanker}, registered in Gabon, had been loaded at the port of Primorsk before it went dark in the Gulf of Finland.",
	"The company {company}, which makes parts for interceptor drones, said its output had tripled since the start of the year despite repeated Russian attacks.",
	"Ukrainian officials said the operation, code-named {op}, had targeted ammunition depots and an airfield deep inside Russian territory.",
	"“{aq},” said {analyst}.",
	"Residents of {village}, a village of about {pop} people near {front}, were ordered to evacuate as Russian glide bombs fell closer to their homes.",
	"Economists at {think} estimate that the war has cost Russia more than {money}, a figure the Kremlin disputes.",
	"Diplomats have started calling the arrangement the {rare} formula, after a clause in an earlier draft that set out how a ceasefire would be monitored.",
	"Local media in {cityua} reported that volunteers from the {rare} group had delivered generators and water to neighborhoods left without power.",
	"{analyst}, said Moscow hoped a split between Washington and Europe would win it what it could not win in battle.",
	"Farmers near {village} said mines left in their fields by retreating Russian troops meant that much of the harvest could not be brought in this year.",
	"Satellite images reviewed by {think} showed new fortifications near {village}, suggesting that Russian commanders expect the fighting to continue.",
	"The shipping company {company} said two of its vessels, including the bulk carrier {tanker}, had been damaged in a drone attack near Odesa.",
}

// strikes open the paragraph that carries the figures derived from the
// article number; "drones and N missiles" appears in no other template,
// which is what makes bodies of distinct articles provably distinct.
var strikes = []string{
	"Russia launched {dr} drones and {mi} missiles at Ukraine overnight into {wday}, Ukraine’s air force said, adding that {down} of them had been shot down or jammed.",
	"Overnight, Russia attacked Ukraine with {dr} drones and {mi} missiles, according to Ukraine’s air force, which said air defense units had downed {down} of them.",
	"In the latest strikes, Russia fired {dr} drones and {mi} missiles at Ukraine, the air force said, with {down} intercepted before reaching their targets.",
}

var strikeFollow = []string{
	"At least {inj} people were wounded in {cityua}, according to regional officials, and several apartment buildings and an energy facility were damaged.",
	"Regional officials in {cityua} said {inj} people had been injured and that firefighters were still working to put out fires at an industrial site.",
}
