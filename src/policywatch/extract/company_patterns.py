"""Regular expressions and word lists for finding companies (data only; the code is in companies.py)."""

from __future__ import annotations

import re

# Verbs that make a sentence corporate news and a capitalised name before them a company.
CORPORATE_VERB = (
    r"(?:signs?|signed|announc(?:e|es|ed)|acquir(?:e|es|ed)|buys?|bought|sells?|sold|invest(?:s|ed)?|opens|opened|"
    r"launch(?:es|ed)?|unveil(?:s|ed)?|inaugurat(?:e|es|ed)|agree(?:s|d)?|plans|planned|partner(?:s|ed)?|"
    r"team(?:s|ed)\s+up|form(?:s|ed)|set\s+up|establish(?:es|ed)|complet(?:e|es|ed)|deliver(?:s|ed)?|ordered|"
    r"w[io]n|raise[sd]?|merg(?:e|es|ed)|reports|reported|posted|beg[ia]n|starts|started|"
    r"expand(?:s|ed)?|buil[dt]s?|produc(?:e|es|ed)|ship(?:s|ped)|suppl(?:ies|ied)|secur(?:es|ed)|join(?:s|ed)?|"
    r"struck|reach(?:es|ed)|commit(?:s|ted)?|pledg(?:e|es|ed)|releas(?:es|ed)|introduc(?:e|es|ed)|develop(?:s|ed)?|"
    r"manufactur(?:es|ed)|rolled\s+out|rolls\s+out|hir(?:es|ed)|exit(?:s|ed)|withdr[ae]w|"
    r"received?|obtained|filed|sued|licens(?:es|ed)|became)"
)
CORPORATE_VERB_AFTER = re.compile(
    rf"^(?:['’]s?)?\s*(?:,[^,]{{1,60}},\s*)?(?:(?:also|has|have|had|will|would|recently|jointly|officially|"
    rf"reportedly|now|then|on\s+\w+day)\s+)*{CORPORATE_VERB}\b"
)
CORPORATE_SENTENCE = re.compile(
    rf"\b{CORPORATE_VERB}\b.*|\b(?:joint\s+venture|JV|merger|acquisition|stake|shares|IPO|subsidiary|"
    r"memorandum\s+of\s+understanding|MoU|contract|deal|agreement|factory|plant|orders?)\b",
    re.IGNORECASE,
)
# The first word (lowercase) of everything CORPORATE_SENTENCE matches: it can match only where one of these
# stands, so it is tried there alone. Keep in step with the pattern (a test checks).
CORPORATE_SENTENCE_WORDS = frozenset(
    {
        "acquire", "acquired", "acquires", "acquisition", "agree", "agreed", "agreement", "agrees", "announce",
        "announced", "announces", "became", "began", "begin", "bought", "build", "builds", "built", "builts",
        "buy", "buys", "commit", "commits", "committed", "complete", "completed", "completes", "contract",
        "deal", "deliver", "delivered", "delivers", "develop", "developed", "develops", "established",
        "establishes", "exited", "exits", "expand", "expanded", "expands", "factory", "filed", "formed",
        "forms", "hired", "hires", "inaugurate", "inaugurated", "inaugurates", "introduce", "introduced",
        "introduces", "invest", "invested", "invests", "ipo", "join", "joined", "joins", "joint", "jv",
        "launch", "launched", "launches", "licensed", "licenses", "manufactured", "manufactures", "memorandum",
        "merge", "merged", "merger", "merges", "mou", "obtained", "opened", "opens", "order", "ordered",
        "orders", "partner", "partnered", "partners", "planned", "plans", "plant", "pledge", "pledged",
        "pledges", "posted", "produce", "produced", "produces", "raise", "raised", "raises", "reached",
        "reaches", "receive", "received", "released", "releases", "reported", "reports", "rolled", "rolls",
        "secured", "secures", "sell", "sells", "set", "shares", "shipped", "ships", "sign", "signed", "signs",
        "sold", "stake", "started", "starts", "struck", "subsidiary", "sued", "supplied", "supplies", "teamed",
        "teams", "unveil", "unveiled", "unveils", "win", "withdraw", "withdrew", "won",
    }
)
# Words before a name that introduce it as an object of corporate action ("buy 140 aircraft from Airbus").
OBJECT_BEFORE = re.compile(
    r"(?:\b(?:from|with|by|between|acquire[sd]?|acquiring|buy(?:s|ing)?|bought|join(?:s|ed)?|partner(?:s|ed)?\s+with|"
    r"rivals?|including|such\s+as|led\s+by|supplier\s+to|owned\s+by|stake\s+in|invest(?:s|ed)?\s+in)\s+)$"
)
# Appositive nouns that introduce company names ("French and Chinese carmakers Renault and Geely").
DESCRIPTOR_BEFORE = re.compile(
    r"\b(?:carmakers?|automakers?|firms?|compan(?:y|ies)|groups?|giants?|makers?|manufacturers?|producers?|"
    r"suppliers?|start-?ups?|operators?|conglomerates?|champions?|SOEs?|rivals?|chipmakers?|steelmakers?|"
    r"players?|developers?|retailers?|brands?|airlines?|carriers?|lenders?|insurers?|miners?|refiners?|"
    r"shipbuilders?|subsidiary|unit|affiliate)\s+$"
)
# A list joins companies: "Shell, Sinopec, Baowu and BASF".
LIST_JOIN_BEFORE = re.compile(r"(?:,\s*|,?\s+and\s+|\s*&\s*|\s*/\s*)$")
LIST_JOIN_AFTER = re.compile(r"^(?:,\s*|,?\s+and\s+|\s*&\s*|\s*/\s*)")

# A company name's legal or descriptive ending.
COMPANY_SUFFIX = re.compile(
    r"\s(?:Co\.?|Co\.,?\s+Ltd\.?|Ltd\.?|Limited|Group|Inc\.?|Corp\.?|Corporation|AG|SE|GmbH|plc|PLC|Holdings?|"
    r"Company|LLC|N\.V\.|S\.A\.|Motors?|Automotive)$"
)
ZH_COMPANY_WORDS = ("公司", "集团")  # every ZH_COMPANY match ends in one of these
ZH_COMPANY = re.compile(
    r"[\u4e00-\u9fff]{2,24}?(?:股份有限公司|有限责任公司|集团有限公司|有限公司|集团|公司)"
)
ZH_COMPANY_LEFT_CUT = re.compile(r".*[由据与和及、在对向是为将从被等的了于以把让给经称由自同即并]")
ZH_NOT_COMPANY = re.compile(
    r"^(?:该|本|各|子|分|其|此|总|母|上市|国有|中央|大型|龙头|骨干|企业|相关|有关|重点|多家|一批|电网|公司)"
)

# Capitalised runs: candidate names. Tokens: capitalised words, all-caps acronyms, "&", internal capitals.
# The look-behind comes after the first capital ("not preceded by a word character") so that the regex engine
# can skip ahead to the next capital instead of trying every offset.
CAPITALISED_RUN = re.compile(
    r"[A-Z](?<![\w'’.-][A-Z])[\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|&|de|von|van|der)(?=[\s,;:.)'’]|$))*"
    r"(?:,?\s+(?:Co\.,?\s+)?(?:Ltd|Inc|Limited|LLC)\.?)?"
)
SOURCE_AFTER = re.compile(
    r"^\s+(?:article|report|press\s+release|notice|statement|announcement|website|news|post|interview|data)\b",
    re.IGNORECASE,
)
PLACE_BEFORE = re.compile(r"\b(?:in|at|near|across|throughout|to|into|outside|inside|of)\s+$")
DATE_PREFIX = re.compile(r"^\s*[-•*]*\s*\*?[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?\s*:?\*?:?\s*")

# Words that begin runs but are not part of a name ("State-owned China Aviation Supplies").
LEADING_NOISE = frozenset(
    {
        "The", "A", "An", "State-owned", "State-Owned", "Privately-owned", "Private", "Chinese", "China's",
        "French", "German", "American", "US", "U.S.", "Japanese", "Korean", "South", "European", "British",
        "Dutch", "Swedish", "Swiss", "Italian", "Taiwanese", "Indian", "Both", "Rival", "Domestic",
        "Foreign", "Global", "Leading", "Carmaker", "Automaker", "Chipmaker", "Steelmaker", "Battery",
        "Tech", "Technology", "Giant", "Also", "Meanwhile", "However", "And", "But", "While", "After",
        "Before", "When", "Its", "Their", "His", "Her", "Our", "This", "That", "These", "Those", "Central",
        "Local", "Provincial", "Top", "Major", "New", "Former", "Dutch-based", "Germany's", "France's",
        "Japan's", "Korea's", "America's", "Beijing-based", "Shanghai-based", "Shenzhen-based",
        "Hangzhou-based", "Hong", "Kong-listed", "Shanghai-listed", "Shenzhen-listed", "Sino-German",
        "Sino-French",
    }
)
# Capitalised words that are never a company on their own.
NOT_COMPANY_WORDS = frozenset(
    {
        "JV", "JVs", "SOE", "SOEs", "EV", "EVs", "NEV", "NEVs", "CCUS", "MoU", "MoUs", "Memorandum",
        "Understanding", "AI", "IP", "R&D", "GDP", "CNY", "USD", "EUR", "RMB", "FDI", "IPO", "SME", "SMEs",
        "CEO", "CFO", "Chairman", "President", "Premier", "Minister", "Vice", "Mr", "Ms", "Dr", "MERICS",
        "Top", "Key", "Comment", "Article", "Issuing", "Date", "Link", "Policy", "Corporate", "News",
        "Noteworthy", "At", "Glance", "Internet", "Industrial", "Five-Year", "Plan", "FYP", "Made", "In",
        "On", "By", "For", "With", "From", "To", "As", "If", "It", "We", "They", "He", "She", "I", "Yet",
        "Still", "Such", "Other", "Some", "Many", "Most", "All", "Each", "Every", "Several", "According",
        "Under", "Over", "Since", "Until", "During", "Following", "Despite", "Although", "Because", "Party",
        "Communist", "CCP", "CPC", "Xi", "Jinping", "Li", "Qiang", "Government", "Ministry", "State",
        "Council", "Authorities", "Beijing", "Washington", "Brussels", "Berlin", "Tokyo", "Europe", "Asia",
        "Africa", "Covid-19", "COVID-19", "Covid", "Belt", "Road", "Initiative", "BRI", "WTO", "UN", "G20",
        "G7", "BRICS", "OECD", "IEA", "Catalogue", "Opinions", "Guidelines", "Measures", "Notice", "Action",
        "Program", "Programme", "Project", "Summit", "Forum", "Expo", "Week", "Day", "Year", "Quarter",
        "Q1", "Q2", "Q3", "Q4", "H1", "H2", "Source", "Photo", "Image", "Credit", "Reuters", "Xinhua",
        "Analysts", "Investors", "Experts", "Officials", "Observers", "Industry", "Sector", "Market",
        "Markets", "Economy", "Economic", "Technology", "Technologies", "Innovation", "Company",
        "Companies", "Group", "Groups", "Industries", "Ltd", "Ltd.", "Co", "Co.", "Inc", "Inc.", "Corp.",
        "Corporation", "Limited", "Holdings", "Enterprises", "Firms", "Last", "Next", "Early", "Late",
        "Mid",
    }
)
# A run ending in one of these names a body, an event or a document, not a firm (the European Commission, the
# Third Plenum, the Central Economic Work Conference).
NON_FIRM_LAST_WORDS = frozenset(
    {
        "Commission", "Council", "Committee", "Ministry", "Administration", "Bureau", "Agency",
        "Department", "Office", "Parliament", "Congress", "Court", "Government", "Authority", "Plenum",
        "Plenary", "Session", "Conference", "Meeting", "Summit", "Forum", "Plan", "Law", "Act", "Opinions",
        "Guidelines", "Measures", "Catalogue", "Catalog", "Strategy", "Initiative", "Program", "Programme",
        "Zone", "Area", "Province", "City", "Region", "Party",
    }
)
# Words that show a run names a person ("Senior Analyst Antonia Hmaidi", "Premier Li Keqiang").
PERSON_TITLES = frozenset(
    {
        "Analyst", "Minister", "Premier", "President", "Chairman", "Chairwoman", "CEO", "Director",
        "Secretary", "Professor", "Prof.", "Spokesperson", "Spokesman", "Spokeswoman", "Vice", "Senior",
        "Head", "Chief", "Governor", "Mayor", "Ambassador", "General", "Commissioner", "Chancellor", "Dr.",
        "Mr.", "Ms.", "Mrs.", "Researcher", "Fellow", "Economist", "Founder", "Editor", "Author",
    }
)
# Chinese surnames in pinyin: "Zhang Yunming", "Li Keqiang" are people.
CHINESE_SURNAMES = frozenset(
    [
        "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu",
        "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Liang", "Song", "Zheng", "Xie", "Han", "Tang",
        "Feng", "Yu", "Dong", "Xiao", "Cheng", "Cao", "Yuan", "Deng", "Fu", "Shen", "Zeng", "Peng", "Lu",
        "Su", "Jiang", "Cai", "Jia", "Ding", "Wei", "Xue", "Ye", "Yan", "Pan", "Du", "Dai", "Xia", "Zhong",
        "Tian", "Ren", "Fan", "Fang", "Shi", "Yao", "Tan", "Liao", "Zou", "Xiong", "Jin", "Hao", "Kong",
        "Bai", "Cui", "Kang", "Mao", "Qiu", "Qin", "Gu", "Hou", "Shao", "Meng", "Long", "Wan", "Duan",
        "Lei", "Qian", "Yin", "Yi", "Chang", "Qiao", "Lai", "Gong", "Wen", "Xi", "Ning", "Miao", "Ouyang",
        "Sima", "Zhuge",
    ]
)
MONTHS_AND_DAYS = frozenset(
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
        "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    }
)
# Places that head capitalised runs (Chinese provinces and cities come from the body registry).
PLACES = frozenset(
    {
        "China", "PRC", "Hong Kong", "Macau", "Macao", "Taiwan", "Japan", "Korea", "South Korea",
        "North Korea", "India", "Germany", "France", "Italy", "Spain", "Portugal", "Netherlands", "Belgium",
        "Luxembourg", "Poland", "Hungary", "Czech Republic", "Czechia", "Slovakia", "Austria",
        "Switzerland", "Sweden", "Norway", "Denmark", "Finland", "UK", "United Kingdom", "Britain",
        "Ireland", "Greece", "Serbia", "Romania", "Turkey", "Russia", "Ukraine", "US", "U.S.", "USA",
        "United States", "America", "Canada", "Mexico", "Brazil", "Argentina", "Chile", "Peru", "Australia",
        "New Zealand", "Indonesia", "Malaysia", "Thailand", "Vietnam", "Philippines", "Singapore",
        "Cambodia", "Laos", "Myanmar", "Pakistan", "Bangladesh", "Kazakhstan", "Uzbekistan", "Mongolia",
        "Iran", "Iraq", "Saudi Arabia", "UAE", "Qatar", "Israel", "Egypt", "Morocco", "Nigeria",
        "South Africa", "Kenya", "Ethiopia", "Congo", "DRC", "Zimbabwe", "Europe", "EU", "Asia", "Africa",
        "Latin America", "Middle East", "Southeast Asia", "Central Asia", "ASEAN", "Greater Bay Area",
        "Yangtze River Delta", "Pearl River Delta", "Beijing-Tianjin-Hebei", "Xiong'an", "Pudong",
        "Lingang", "Shenyang", "Pinghu", "Lianyungang", "Hai'an", "Tianjin", "Shanghai", "Beijing",
        "Shenzhen", "Guangzhou", "Hangzhou", "Chongqing", "Wuhan", "Chengdu", "Nanjing", "Suzhou", "Hefei",
        "Xi'an", "Changsha", "Zhengzhou", "Qingdao", "Dalian", "Xiamen", "Ningbo", "Fuzhou", "Harbin",
        "Changchun", "Jinan", "Kunming", "Nanning", "Guiyang", "Lanzhou", "Urumqi", "Hohhot", "Taiyuan",
        "Shijiazhuang", "Haikou", "Lhasa", "Xining", "Yinchuan", "Nanchang", "Ordos", "Baotou", "Yulin",
        "Dongguan", "Foshan", "Wuxi", "Changzhou", "Yancheng", "Zhuhai", "Huizhou", "Ningde", "Yibin",
        "Zhoushan", "Munich", "Stuttgart", "Wolfsburg", "Frankfurt", "Hamburg", "Paris", "London",
        "Budapest", "Debrecen", "Erfurt", "Arnstadt", "Amsterdam", "Brussels", "Washington", "Tokyo",
        "Seoul", "Taipei", "Moscow", "Delhi", "New Delhi",
    }
)
# Media cited as sources ("Yicai article", "(Xinhua)").
MEDIA = frozenset(
    {
        "Yicai", "Yicai Global", "Xinhua", "Reuters", "Bloomberg", "Caixin", "SCMP",
        "South China Morning Post", "Global Times", "China Daily", "People's Daily",
        "Economic Information Daily", "Electrive", "Financial Times", "FT", "Nikkei", "Nikkei Asia",
        "Wall Street Journal", "WSJ", "CGTN", "CCTV", "Securities Times", "China Securities Journal",
        "The Paper", "Sina", "Sohu", "Jiemian", "LatePost", "36Kr", "TechNode", "Pandaily", "CnEVPost",
        "Gasgoo", "Automotive News", "Handelsblatt", "Qiushi", "21st Century Business Herald", "Sixth Tone",
        "China Briefing", "The Diplomat", "Politico", "Economist", "The Economist", "AP", "AFP", "Kyodo",
        "Yonhap", "Radio Free Asia", "Global Trade Alert", "MERICS", "Rhodium Group", "Sinocism",
        "Pekingnology", "Xinhua News Agency", "China News Service", "Economic Daily",
        "Science and Technology Daily",
    }
)
