"""Word lists for bench/archive.py (data only): topics, metrics, provinces, document forms and the sentence
templates the synthetic archive is assembled from. All text was written for this benchmark.

Templates use str.format slots: {topic} / {topic_zh} a topic's words, {body} / {body_acr} an issuing body,
{prov} / {prov_zh} a province, {form} / {form_zh} a document form, {year} a goal year, {n} a small number,
{co} / {co2} companies.
"""

from __future__ import annotations

# (English words, Chinese words, metric family) — the words are ones the sector registry knows, so entries get
# sectors; the family picks the physical metrics a topic's targets use besides the generic ones.
TOPICS: tuple[tuple[str, str, str], ...] = (
    ("lithium-ion battery", "锂离子电池", "capacity_gwh"), ("power battery", "动力电池", "capacity_gwh"),
    ("battery recycling", "动力电池回收", "tonnes"), ("new energy vehicle", "新能源汽车", "vehicles"),
    ("charging infrastructure", "充电基础设施", "chargers"),
    ("intelligent connected vehicle", "智能网联汽车", "vehicles"),
    ("integrated circuit", "集成电路", "revenue"), ("chip packaging", "芯片封装", "revenue"),
    ("artificial intelligence", "人工智能", "revenue"), ("large language model", "大模型", "revenue"),
    ("virtual reality", "虚拟现实", "revenue"), ("photovoltaic", "光伏", "power_gw"),
    ("offshore wind", "海上风电", "power_gw"), ("wind power", "风电", "power_gw"),
    ("green hydrogen", "氢能", "tonnes"), ("fuel cell", "燃料电池", "vehicles"),
    ("new-type energy storage", "新型储能", "power_gw"), ("pumped storage", "抽水蓄能", "power_gw"),
    ("power grid", "电网", "power_gw"), ("crude steel", "粗钢", "tonnes"),
    ("aluminium", "电解铝", "tonnes"), ("rare earth", "稀土", "tonnes"),
    ("cement", "水泥", "tonnes"), ("petrochemical", "石化化工", "revenue"),
    ("industrial software", "工业软件", "revenue"), ("data exchange", "数据交易", "revenue"),
    ("digital economy", "数字经济", "share"), ("5G", "5G", "stations"),
    ("computing power", "算力", "compute"), ("data center", "数据中心", "compute"),
    ("civil aircraft", "民用飞机", "revenue"), ("shipbuilding", "船舶", "tonnes"),
    ("industrial robot", "工业机器人", "robots"), ("humanoid robot", "人形机器人", "robots"),
    ("intelligent manufacturing", "智能制造", "factories"), ("machine tool", "机床", "revenue"),
    ("biomedicine", "生物医药", "revenue"), ("medical device", "医疗器械", "revenue"),
    ("patent", "专利", "patents"), ("high-speed rail", "高铁", "km"),
    ("grain", "粮食", "tonnes"), ("carbon emission", "碳排放", "share"),
    ("cybersecurity", "网络安全", "revenue"), ("quantum computing", "量子计算", "revenue"),
    ("textile", "纺织", "revenue"), ("new material", "新材料", "revenue"),
    ("little giant", "专精特新", "firms"), ("high-tech zone", "高新区", "firms"),
)

# Metrics by family: (English metric, Chinese metric, unit). Units: cny_bn (CNY billion / 亿元), pct,
# gw (GW / 万千瓦), gwh, mt (million tonnes / 万吨), count:<English noun>:<Chinese measure word> (no noun: the
# metric names what is counted; a measure word starting with 万 counts ten-thousands).
GENERIC_METRICS: tuple[tuple[str, str, str], ...] = (
    ("annual output of the {topic} industry", "{topic_zh}产业规模", "cny_bn"),
    ("revenue of core {topic} enterprises", "{topic_zh}核心产业营业收入", "cny_bn"),
    ("the share of domestically made {topic} equipment", "{topic_zh}关键装备国产化率", "pct"),
    ("R&D spending of {topic} firms as a share of revenue", "{topic_zh}企业研发投入强度", "pct"),
    ("{topic} demonstration projects", "{topic_zh}示范项目", "count::个"),
    ("national {topic} standards", "{topic_zh}国家标准", "count::项"),
    ("{topic} industrial clusters", "{topic_zh}产业集群", "count::个"),
    ("{topic} innovation centres", "{topic_zh}创新中心", "count::家"),
)
FAMILY_METRICS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "capacity_gwh": (("annual {topic} production capacity", "{topic_zh}年产能", "gwh"),),
    "tonnes": (("annual {topic} output", "{topic_zh}年产量", "mt"),
               ("{topic} processing capacity", "{topic_zh}处理能力", "mt")),
    "vehicles": (("annual sales of {topic}s", "{topic_zh}年销量", "count:vehicles:万辆"),
                 ("the {topic} share of new car sales", "{topic_zh}新车销量占比", "pct")),
    "chargers": (("public {topic} points", "公共充电桩", "count:charging points:万个"),),
    "revenue": (("exports of {topic} products", "{topic_zh}产品出口额", "cny_bn"),),
    "power_gw": (("installed {topic} capacity", "{topic_zh}装机容量", "gw"),),
    "share": (("the {topic} share of GDP", "{topic_zh}核心产业增加值占GDP比重", "pct"),),
    "stations": (("{topic} base stations", "{topic_zh}基站", "count:base stations:万个"),),
    "compute": (("total {topic} capacity", "{topic_zh}总规模", "count:EFLOPS:EFLOPS"),),
    "robots": (("robot density in manufacturing", "制造业机器人密度", "count:robots per 10,000 workers:台/万人"),
               ("annual {topic} output", "{topic_zh}年产量", "count:units:万台")),
    "factories": (("smart factories", "智能工厂", "count::家"),),
    "patents": (("high-value invention {topic}s per 10,000 people", "每万人口高价值发明专利拥有量",
                 "count:patents:件"),),
    "km": (("the {topic} network", "{topic_zh}营业里程", "count:km:万公里"),),
    "firms": (("{topic} enterprises", "{topic_zh}企业", "count::家"),),
}

PROVINCES: tuple[tuple[str, str], ...] = (
    ("Guangdong", "广东省"), ("Jiangsu", "江苏省"), ("Zhejiang", "浙江省"), ("Shandong", "山东省"),
    ("Henan", "河南省"), ("Sichuan", "四川省"), ("Hubei", "湖北省"), ("Hunan", "湖南省"), ("Fujian", "福建省"),
    ("Anhui", "安徽省"), ("Hebei", "河北省"), ("Shaanxi", "陕西省"), ("Jiangxi", "江西省"), ("Liaoning", "辽宁省"),
    ("Chongqing", "重庆市"), ("Yunnan", "云南省"), ("Guangxi", "广西壮族自治区"), ("Shanxi", "山西省"),
    ("Inner Mongolia", "内蒙古自治区"), ("Guizhou", "贵州省"), ("Xinjiang", "新疆维吾尔自治区"), ("Tianjin", "天津市"),
    ("Heilongjiang", "黑龙江省"), ("Jilin", "吉林省"), ("Gansu", "甘肃省"), ("Hainan", "海南省"),
    ("Ningxia", "宁夏回族自治区"), ("Qinghai", "青海省"), ("Shanghai", "上海市"), ("Beijing", "北京市"),
)

# Bodies that issue industrial policy (ids of the registry; their names come from bodies.toml).
BODY_IDS: tuple[str, ...] = (
    "MIIT", "NDRC", "NEA", "MOST", "MOF", "MOFCOM", "MEE", "SAMR", "MOT", "MARA", "NDA", "CNIPA", "SASAC",
    "GAC", "MNR", "SAC", "CAAC", "MOHURD", "CSRC", "NFRA",
)

# (English form, Chinese form, English title pattern with {aspect})
FORMS: tuple[tuple[str, str], ...] = (
    ("action plan", "行动方案"), ("guiding opinions", "指导意见"), ("implementation plan", "实施方案"),
    ("notice", "通知"), ("development plan", "发展规划"), ("work plan", "工作方案"),
    ("administrative measures", "管理办法"), ("implementation opinions", "实施意见"), ("guidelines", "指南"),
)
# (English aspect, Chinese aspect) of a document title: "… on {aspect} of {topic}" / "关于{aspect_zh}的…"
ASPECTS: tuple[tuple[str, str], ...] = (
    ("Promoting High-Quality Development", "推动{topic_zh}高质量发展"),
    ("Accelerating Innovation", "加快{topic_zh}创新发展"),
    ("Building a Standards System", "加强{topic_zh}标准体系建设"),
    ("Strengthening Supply Chains", "提升{topic_zh}产业链供应链韧性"),
    ("Green and Low-Carbon Transition", "推进{topic_zh}绿色低碳转型"),
    ("Safe Production", "加强{topic_zh}安全生产管理"),
    ("Digital Transformation", "推进{topic_zh}数字化转型"),
    ("Large-Scale Application", "推动{topic_zh}规模化应用"),
    ("Pilot Demonstrations", "开展{topic_zh}试点示范"),
    ("Regulating Market Order", "规范{topic_zh}市场秩序"),
    ("Expanding Effective Investment", "扩大{topic_zh}有效投资"),
    ("Cultivating Leading Enterprises", "培育{topic_zh}领军企业"),
)

TOP_HEADLINES: tuple[str, ...] = (
    "{body_acr} targets {goal} of {topic} by {year}",
    "{prov} wins pilot status for {topic} as {body_acr} sets {year} goals",
    "New {form} puts {topic} at the centre of {prov}'s industrial upgrade",
    "{body_acr} wants {goal} of {topic} within {span} years",
    "Regulators tighten rules for {topic} after a year of rapid expansion in {prov}",
    "{topic_cap} push: {body_acr} lifts its {year} goal to {goal}",
    "{prov} and {n} other provinces get quotas for {topic} under new {form}",
    "Beijing bets on {topic} with {goal} goal for {year}",
    "{body_acr} {form} asks local governments to curb duplicate {topic} projects",
    "Subsidies for {topic} shift from output to research in {body_acr} {form}",
    "{prov} plans {n} {topic} parks as national {form} takes effect",
    "{body_acr} revises {topic} roadmap, aiming for {goal} by {year}",
    "Export controls and standards: {body_acr} reshapes the {topic} market ahead of {year}",
    "{topic_cap} makers in {prov} face tougher entry rules from {year}",
)
LEAD_INS: tuple[str, ...] = (
    "At a glance: The {body} ({body_acr}) {verb} {article}{form} on {topic} that ties provincial plans to "
    "national quotas and asks {prov} to act as a test bed. Key goals for {year} include:",
    "At a glance: {body_acr} and {n} other agencies {verb} {article}{form} to speed up the adoption of {topic} in "
    "factories and public services. By {year}, the plan aims to:",
    "At a glance: A new {form} from the {body} ({body_acr}) sets out how {topic} should grow over the next "
    "{span} years, with {prov} named as a priority region. Targets for {year} include:",
    "At a glance: The {body} ({body_acr}) {verb} {article}{form} that links funding for {topic} to measurable "
    "results, replacing the flat subsidies of earlier years. Goals for {year}:",
)
VERBS: tuple[str, ...] = ("released", "issued", "published", "unveiled", "put out", "circulated")
BULLETS_PLAIN: tuple[str, ...] = (
    "- Improve coordination between upstream {topic} suppliers and downstream users",
    "- Set up a national platform to track {topic} projects from approval to operation",
    "- Require local governments to report idle {topic} capacity every quarter",
    "- Encourage banks to extend long-term loans to {topic} projects in central and western provinces",
    "- Tighten safety and environmental checks for new {topic} plants",
    "- Open more public procurement to {topic} products that meet the new standards",
    "- Support mergers that consolidate small {topic} producers",
)
COMMENTS: tuple[str, ...] = (
    "The {form} continues a pattern of ambitious central goals and uneven local execution.",
    "Provinces compete for {topic} projects, which risks overcapacity within a few years.",
    "Foreign suppliers may find niches in components where domestic quality still lags.",
    "The {year} goal looks attainable: {prov} alone already accounts for a large share of output.",
    "Earlier plans set similar numbers and missed them, so the targets should be read as direction, not forecast.",
    "Financing is the weak point: local governments carry heavy debts and private investors are cautious.",
    "Expect European firms to face more questions about data, standards and local content.",
    "The plan mentions security more often than its predecessor, a sign of shifting priorities.",
    "Price wars in {topic} have squeezed margins, and the plan does little to address them.",
    "The emphasis on standards suggests Beijing wants to shape international rules for {topic}.",
)
POLICY_NEWS: tuple[str, ...] = (
    "The {body} {verb} rules for {topic} pilots in {prov} ({body_acr} notice)",
    "{body_acr} opened a consultation on safety standards for {topic} equipment ({body_acr} draft)",
    "The {body} named {n} {topic} demonstration zones, led by {prov} ({body_acr} list)",
    "{prov} announced subsidies of up to CNY {m} million for {topic} upgrades (provincial notice)",
    "The {body} said it will inspect {topic} projects that started without approval ({body_acr} statement)",
    "{body_acr} and the Ministry of Finance set aside CNY {m} million for {topic} research (joint notice)",
    "The {body} published a list of {n} key {topic} technologies for import substitution ({body_acr} list)",
    "{prov} aims to double the output of its {topic} industry by {year} (provincial plan)",
)
CORPORATE_NEWS: tuple[str, ...] = (
    "{co} and {co2} agreed to cooperate on {topic} in {prov} (press release)",
    "{co} opened a {topic} plant in {prov} with an investment of CNY {m} million (company statement)",
    "{co} won a contract to supply {topic} equipment to {co2} (exchange filing)",
    "{co} said it will list its {topic} unit in Shanghai (company statement)",
    "{co} and {co2} set up a joint venture for {topic} research (press release)",
    "{co} cut prices of its {topic} products by {n} percent (media report)",
    "{co} acquired a stake in a {topic} start-up from {prov} (exchange filing)",
)

# Chinese notice paragraphs
ZH_OPENINGS: tuple[str, ...] = (
    "为深入贯彻落实党中央、国务院决策部署，加快{topic_zh}产业发展，{aspect_zh}，现提出如下意见。",
    "为{aspect_zh}，推动{topic_zh}领域质量变革、效率变革、动力变革，特制定本方案。",
    "现将{title_short}印发给你们，请结合本地区实际，认真组织实施。",
    "为进一步{aspect_zh}，增强{topic_zh}产业链供应链自主可控能力，现就有关事项通知如下。",
)
ZH_PRINCIPLES: tuple[str, ...] = (
    "坚持市场主导、政府引导，坚持创新驱动、应用牵引，坚持统筹发展和安全。",
    "坚持系统观念，处理好当前和长远、整体和局部的关系，避免低水平重复建设。",
    "坚持需求导向，以重大工程和示范应用带动{topic_zh}技术迭代和规模化发展。",
)
ZH_TASKS: tuple[str, ...] = (
    "加快关键核心技术攻关。围绕{topic_zh}关键材料、核心部件和高端装备，组织实施一批重点研发项目。",
    "完善标准体系。加快制修订{topic_zh}基础通用、产品质量和安全环保等标准，推动标准国际化。",
    "优化产业布局。支持{prov_zh}等地区依托现有基础建设{topic_zh}产业集群，防止盲目扩张。",
    "培育优质企业。支持龙头企业整合资源，引导中小企业走专精特新发展道路。",
    "拓展应用场景。在交通、能源、制造等领域开展{topic_zh}示范应用，及时总结推广经验。",
    "加强国际合作。鼓励企业在研发、标准、检测认证等方面开展国际交流合作。",
    "强化安全监管。建立{topic_zh}项目全生命周期安全管理制度，落实企业安全生产主体责任。",
    "推进绿色发展。提高{topic_zh}领域能源资源利用效率，推广节能降碳先进技术。",
)
ZH_SAFEGUARDS: tuple[str, ...] = (
    "各地区、各有关部门要加强组织领导，明确责任分工，确保各项任务落到实处。",
    "加大财政金融支持力度，发挥产业投资基金引导作用，拓宽企业融资渠道。",
    "建立健全监测评估机制，定期开展实施情况评估，重大问题及时报告。",
)
ADDRESSEES: tuple[str, ...] = (
    "各省、自治区、直辖市及计划单列市、新疆生产建设兵团有关主管部门：",
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "各省、自治区、直辖市及新疆生产建设兵团工业和信息化主管部门，有关中央企业：",
)
