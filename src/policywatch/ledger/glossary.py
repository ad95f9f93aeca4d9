"""Data only: what the ledger compares targets with.

* `METRIC_CONCEPTS` — a small bilingual glossary. Each concept lists how English and Chinese texts name it;
  a metric mentioning any form gets the concept as a token, which is how "share of NEV in new car sales" and
  新能源汽车新车销售量占比 come to share tokens. English forms are lower-case, singular, words separated by
  single spaces; Chinese forms are matched as substrings, longest first.
* `GENERIC_CONCEPTS` — concepts too common to identify a goal on their own (a shared "share" is not
  evidence that two percentages measure the same thing).
* `STOP_WORDS_EN` / `STOP_WORDS_ZH` — words removed before comparing (verbs of reaching, modal words,
  comparators, time words). Chinese stop words are removed before the rest is cut into character bigrams.
* `UNIT_CLASSES` — unit → (class, factor to the class's base unit). Values are compared in the base unit,
  so 30 GW and 3000万千瓦 (3e7 kW) agree. Units not listed here are counted nouns ("enterprises",
  "patents per 10,000 people", 件) and share the class "count": the metric tells them apart.
"""

from __future__ import annotations

METRIC_CONCEPTS: dict[str, tuple[str, ...]] = {
    "nev": ("new energy vehicle", "new-energy vehicle", "nev", "electric vehicle", "ev", "新能源汽车", "新能源车"),
    "icv": ("intelligent connected vehicle", "icv", "smart connected vehicle", "智能网联汽车"),
    "fcev": ("fuel cell vehicle", "fuel-cell vehicle", "fcev", "燃料电池汽车"),
    "pure_electric": ("battery electric", "pure electric", "纯电动"),
    "passenger_car": ("passenger car", "passenger vehicle", "乘用车"),
    "vehicle": ("vehicle", "car", "automobile", "auto", "汽车", "车辆"),
    "new_car": ("new car", "new vehicle", "新车"),
    "share": ("share", "proportion", "percentage", "ratio", "account for", "make up", "占比", "比重", "比例",
              "占"),
    "sales": ("sales", "sale", "sold", "销量", "销售量", "销售额", "销售"),
    "patent": ("patent", "专利"),
    "invention": ("invention", "发明"),
    "high_value": ("high-value", "high value", "高价值"),
    "per_10k_people": ("per 10,000 people", "per 10000 people", "per ten thousand people",
                       "per 10,000 population", "每万人口", "每万人"),
    "rnd": ("r&d", "research and development", "研发", "研究与试验发展"),
    "energy_consumption": ("energy consumption", "energy use", "energy intensity", "能耗", "能源消耗",
                           "能源消费"),
    "electricity_use": ("electricity consumption", "power consumption", "电耗", "用电量"),
    "output_value": ("output value", "gross output", "产值", "总产值"),
    "revenue": ("revenue", "operating revenue", "operating income", "营业收入", "营收", "主营业务收入"),
    "enterprise": ("enterprise", "company", "firm", "企业", "公司"),
    "computing_power": ("computing power", "computing capacity", "compute capacity", "算力"),
    "gdp": ("gdp", "gross domestic product", "国内生产总值"),
    "value_added": ("value added", "value-added", "增加值"),
    "investment": ("investment", "投资"),
    "spending": ("spending", "expenditure", "input", "投入", "经费", "支出"),
    "industry": ("industry", "industrial", "sector", "产业", "工业", "行业"),
    "manufacturing": ("manufacturing", "制造业"),
    "carbon": ("carbon", "co2", "carbon dioxide", "二氧化碳", "碳"),
    "emission": ("emission", "排放"),
    "renewable": ("renewable energy", "renewable", "可再生能源"),
    "non_fossil": ("non-fossil", "non fossil", "非化石能源"),
    "installed_capacity": ("installed capacity", "装机容量", "装机"),
    "capacity": ("capacity", "production capacity", "产能", "规模"),
    "digital_economy": ("digital economy", "数字经济"),
    "data_center": ("data center", "data centre", "数据中心"),
    "5g": ("5g",),
    "base_station": ("base station", "基站"),
    "charging": ("charging", "charger", "charging pile", "充电桩", "充电"),
    "battery": ("battery", "power battery", "动力电池", "电池"),
    "hydrogen": ("hydrogen", "氢能", "氢"),
    "refuelling_station": ("refuelling station", "refueling station", "加氢站", "加注站"),
    "export": ("export", "出口"),
    "import": ("import", "进口"),
    "talent": ("talent", "人才"),
    "unit": ("per unit", "unit", "单位"),
    "intensity": ("intensity", "强度"),
    "water": ("water use", "water consumption", "用水"),
    "cluster": ("cluster", "集群"),
    "total": ("total", "overall", "总量", "总规模", "总"),
    "average": ("average", "mean", "平均"),
    "growth": ("growth", "growth rate", "增速", "增长率"),
    "employment": ("employment", "job", "就业"),
    "semiconductor": ("semiconductor", "chip", "integrated circuit", "半导体", "芯片", "集成电路"),
    "robot": ("robot", "机器人"),
    "broadband": ("broadband", "gigabit", "宽带", "千兆"),
    "coverage": ("coverage", "penetration", "覆盖率", "渗透率", "普及率"),
    "self_sufficiency": ("self-sufficiency", "self sufficiency", "localisation", "localization", "自给率",
                         "国产化率"),
    "steel": ("steel", "钢铁", "钢"),
    "coal": ("coal", "煤炭", "煤"),
    "grain": ("grain", "粮食"),
    "standard": ("standard", "标准"),
    "specialised_sme": ("little giant", "little giants", "specialised and sophisticated",
                        "specialized and sophisticated", "专精特新"),
    "key_technology": ("key technology", "core technology", "关键技术", "核心技术"),
    "high_tech": ("high-tech", "high tech", "high-technology", "高新技术"),
    "strategic_emerging": ("strategic emerging", "战略性新兴"),
    "utilisation": ("utilisation", "utilization", "utilization rate", "利用率", "综合利用"),
    "recycling": ("recycling", "recycled", "回收", "再生"),
}

GENERIC_CONCEPTS: frozenset[str] = frozenset({
    "share", "total", "average", "growth", "industry", "enterprise", "vehicle", "unit", "capacity",
    "new_car", "sales", "standard",
})

STOP_WORDS_EN: frozenset[str] = frozenset(["a", "about", "above", "achieve", "added", "aim", "aims", "all", "also", "an", "and", "annual", "annually", "approximately", "around", "as", "at", "be", "been", "below", "between", "by", "cent", "could", "cut", "decrease", "decreased", "double", "during", "each", "end", "expand", "expected", "for", "from", "further", "goal", "grow", "have", "higher", "hit", "in", "increase", "increased", "is", "it", "its", "least", "less", "level", "lift", "lower", "make", "maintain", "more", "most", "nearly", "new", "number", "of", "on", "or", "over", "per", "percent", "percentage_points", "plan", "point", "raise", "reach", "reached", "reduce", "reduced", "rise", "should", "so", "stand", "stood", "strive", "such", "target", "targets", "than", "that", "the", "their", "them", "then", "these", "they", "this", "three", "times", "to", "total", "twice", "under", "up", "upgrade", "was", "were", "which", "will", "with", "within", "would", "year", "years"])

STOP_WORDS_ZH: tuple[str, ...] = (
    "力争", "争取", "达到", "提高到", "提高至", "提升到", "提升至", "降低到", "降低至", "降至", "增至", "提高",
    "提升", "降低", "下降", "增长", "增加", "减少", "突破", "超过", "实现", "不低于", "不少于", "不超过", "以上",
    "以下", "左右", "约", "累计", "力求", "确保", "目标", "预计", "将", "要", "达", "到", "年", "的", "为", "和",
    "及", "等", "其中", "全国", "我国", "全省", "全市", "规模以上", "亿", "万", "个", "家", "件", "项",
    "发展", "建设", "推动", "推进", "加快", "全面", "水平", "能力", "重点", "主要", "基本", "明显", "显著",
    "进一步", "数量", "有效", "持续", "稳步", "大幅", "取得", "形成", "培育", "打造", "建成", "完成", "已",
)

# unit → (class, factor to the class's base unit)
UNIT_CLASSES: dict[str, tuple[str, float]] = {
    "percent": ("percent", 1.0),
    "percentage_points": ("percentage_points", 1.0),
    "times": ("times", 1.0),
    "CNY": ("money_CNY", 1.0),
    "USD": ("money_USD", 1.0),
    "EUR": ("money_EUR", 1.0),
    "kW": ("power_kW", 1.0),
    "MW": ("power_kW", 1e3),
    "GW": ("power_kW", 1e6),
    "kWh": ("energy_kWh", 1.0),
    "MWh": ("energy_kWh", 1e3),
    "GWh": ("energy_kWh", 1e6),
    "TWh": ("energy_kWh", 1e9),
    "kWh/100km": ("energy_per_distance", 1.0),
    "PB": ("data_PB", 1.0),
    "EB": ("data_PB", 1e3),
    "ZB": ("data_PB", 1e6),
    "PFLOPS": ("compute_EFLOPS", 1e-3),
    "EFLOPS": ("compute_EFLOPS", 1.0),
    "grams": ("mass_t", 1e-6),
    "kg": ("mass_t", 1e-3),
    "tonnes": ("mass_t", 1.0),
    "tce": ("energy_tce", 1.0),
    "km": ("length_km", 1.0),
    "km2": ("area_km2", 1.0),
    "mu": ("area_km2", 1.0 / 1500.0),
    "m3": ("volume_m3", 1.0),
    "MPa": ("pressure_MPa", 1.0),
    "mAh/g": ("specific_capacity", 1.0),
    "g/cc": ("density", 1.0),
    "minutes": ("duration_days", 1.0 / 1440.0),
    "hours": ("duration_days", 1.0 / 24.0),
    "days": ("duration_days", 1.0),
    "weeks": ("duration_days", 7.0),
    "months": ("duration_days", 30.4375),
    "years": ("duration_days", 365.25),
    "decades": ("duration_days", 3652.5),
}
COUNT_CLASS = "count"
