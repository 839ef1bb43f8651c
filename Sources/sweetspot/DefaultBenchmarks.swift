/// The industry benchmarks, identical to benchmarks/industry/industry.toml (a test checks it byte
/// for byte), built in so reports work from any folder.
enum DefaultBenchmarks {
  static let file = "benchmarks/industry/industry.toml"
  static let text = """
# Industry benchmarks for Sweetspot reports. Every figure comes from shared/reference/facts.md
# (gathered 2026-11-22 from public sources), with its source, year, the definition used and a
# caveat where the definition differs from Sweetspot's. No figure here is invented: where no
# figure is known for a metric or industry, there is no entry.
#
# An entry compares one metric in one industry ("all": cross-industry contact centres) with a
# band [low, high] (either end may be absent: a target). Reports call a strategy's KPI below,
# within or above the band only when its whole 95% interval is; otherwise it straddles.
# Replace this file with `sweetspot report --benchmarks FILE`.
version = "2026-11-22"

[[benchmark]]
metric = "fcr"
industry = "all"
low = 0.70
high = 0.80
label = "SQM 'good' band (70–79%); ≤ 69% low, ≥ 80% world-class"
source = "SQM Group, \\"SQM's 2022 benchmark research uncovers what a good FCR rate is\\", May 16 2022"
year = 2022
definition = "share of customers whose issue was resolved at first contact, measured by post-call survey"
caveat = "Sweetspot counts live first contacts resolved; survey-measured FCR also counts the customer's view"

[[benchmark]]
metric = "csat"
industry = "all"
low = 0.77
high = 0.85
label = "from the lowest industry average (Zendesk 2012: 77%, entertainment & arts) to SQM's world-class threshold (85%)"
source = "Zendesk Customer Satisfaction Index, March 2012; SQM Group blog, December 2021"
year = 2021
definition = "share of respondents answering 4 or 5 on a 1–5 scale (top-2-box)"
caveat = "Zendesk uses a binary good/bad rating, not a 5-point scale; SQM's world-class is 'very satisfied' top box"

[[benchmark]]
metric = "csat"
industry = "retail"
low = 0.82
high = 0.82
label = "Zendesk 2012: retail & wholesale 82%"
source = "Zendesk Customer Satisfaction Index, March 2012"
year = 2012
definition = "share of support tickets rated good"
caveat = "binary good/bad rating, not a 5-point scale"

[[benchmark]]
metric = "service_level"
industry = "all"
low = 0.80
label = "the 80/20 convention: 80% answered within 20 s"
source = "offcenterinsight.com; fonolo.com (2014); TechTarget Q&A"
year = 2014
definition = "contacts answered within 20 seconds ÷ contacts offered"
caveat = "the most common target, not a formal standard; some centres exclude short abandons from the denominator"

[[benchmark]]
metric = "abandonment"
industry = "all"
low = 0.05
high = 0.16
label = "from the 5% target (80/20/5 variant) to the highest industry average (financial 16%); average 12%"
source = "Talkdesk benchmark infographic (2015 customer data); 80/20/5 convention (fonolo.com, turnella.com)"
year = 2015
definition = "share of offered calls abandoned before answer"
caveat = "vendor data from its own customers; 2022 vendor figures are higher (Ozonetel 34%)"

[[benchmark]]
metric = "abandonment"
industry = "retail"
low = 0.12
high = 0.12
label = "Talkdesk 2015: retail 12%"
source = "Talkdesk benchmark infographic (2015 customer data)"
year = 2015
definition = "share of offered calls abandoned before answer"
caveat = "vendor data from its own customers"

[[benchmark]]
metric = "abandonment"
industry = "financial"
low = 0.16
high = 0.16
label = "Talkdesk 2015: financial 16%"
source = "Talkdesk benchmark infographic (2015 customer data)"
year = 2015
definition = "share of offered calls abandoned before answer"
caveat = "vendor data from its own customers"

[[benchmark]]
metric = "abandonment"
industry = "software"
low = 0.15
high = 0.15
label = "Talkdesk 2015: software 15%"
source = "Talkdesk benchmark infographic (2015 customer data)"
year = 2015
definition = "share of offered calls abandoned before answer"
caveat = "vendor data from its own customers"

[[benchmark]]
metric = "abandonment"
industry = "healthcare"
low = 0.13
high = 0.13
label = "Talkdesk 2015: healthcare 13%"
source = "Talkdesk benchmark infographic (2015 customer data)"
year = 2015
definition = "share of offered calls abandoned before answer"
caveat = "vendor data from its own customers"

[[benchmark]]
metric = "abandonment"
industry = "business-services"
low = 0.10
high = 0.10
label = "Talkdesk 2015: business services 10%"
source = "Talkdesk benchmark infographic (2015 customer data)"
year = 2015
definition = "share of offered calls abandoned before answer"
caveat = "vendor data from its own customers"

[[benchmark]]
metric = "asa_seconds"
industry = "all"
low = 36.1
high = 116
label = "UK average speed of answer: 36.1 s (2014/15) to 116 s (2024)"
source = "ContactBabel, UK HR & Operational Benchmarking 2014/15; UK Contact Centre Decision-Makers' Guide 2024"
year = 2024
definition = "mean wait of answered calls"
caveat = "UK figures; US series not numerically available; vendor 'ASA' series measure ring time only"

[[benchmark]]
metric = "aht_minutes"
industry = "all"
low = 6.35
label = "US service call talk time 6:21 (2014); typical service call > 7 min (2025)"
source = "ContactBabel, US Contact Center HR & Operational Benchmarking Report 2014; US Decision-Makers' Guide 2025"
year = 2025
definition = "average handle time of service calls, minutes"
caveat = "the 2014 figure is talk time only (no after-call work); Sweetspot's AHT is the whole handle time"

[[benchmark]]
metric = "agent_attrition"
industry = "all"
low = 0.30
high = 0.45
label = "QATC 30–45% a year (SQM average 38%)"
source = "QATC and SQM via callcenterpower.com; ContactBabel UK DMG 2024; ContactBabel US DMG 2021"
year = 2024
definition = "agents leaving per year ÷ average headcount"
caveat = "secondary sources; the UK historical norm is about 20%"

[[benchmark]]
metric = "cost_per_contact"
industry = "all"
low = 5.25
high = 8.01
label = "inbound call $5.25 (ContactBabel) to live-channel $8.01 (Gartner 2019)"
source = "ContactBabel US Contact Center HR & Operational Benchmarking Report (c. 2017–18); Gartner 2019 Customer Service and Support Leader poll"
year = 2019
definition = "cost of a live (agent-handled) contact, dollars"
caveat = "ContactBabel's edition year uncertain; self-service costs about $0.10 and is not in this figure"

[[benchmark]]
metric = "nps"
industry = "all"
low = 0
high = 39
label = "US industry averages from 0 (TV/ISP) to 39 (auto dealers, streaming), Temkin 2018"
source = "Temkin Group, NPS Benchmark Study 2018 (342 companies)"
year = 2018
definition = "% promoters (9–10) minus % detractors (0–6)"
caveat = "NPS levels are comparable only within one panel; Sweetspot's NPS is a within-run indicator"

[[benchmark]]
metric = "nps"
industry = "telecom"
low = 0
high = 0
label = "Temkin 2018: TV and internet providers 0"
source = "Temkin Group, NPS Benchmark Study 2018"
year = 2018
definition = "% promoters minus % detractors"
caveat = "comparable only within one panel"

[[benchmark]]
metric = "acsi"
industry = "all"
low = 68
high = 83
label = "recent US industry ACSI scores 68–83; national 76.9 (2025)"
source = "American Customer Satisfaction Index, 2023–2025 industry studies"
year = 2025
definition = "ACSI 0–100 index, revenue-weighted over companies"
caveat = "ACSI is an index, not a CSAT %; Sweetspot's ACSI-like score is 100 × mean attitude, comparable in spirit only"

[[benchmark]]
metric = "acsi"
industry = "telecom"
low = 71
high = 72
label = "ACSI internet service providers: 71 (2024), 72 (2025)"
source = "ACSI Telecommunications Study 2024; CNET 2025"
year = 2025
definition = "ACSI 0–100 index"
caveat = "an index, not a CSAT %"

[[benchmark]]
metric = "acsi"
industry = "financial"
low = 80
high = 80
label = "ACSI banks: 80 (2024, 2025)"
source = "ACSI banks industry page"
year = 2025
definition = "ACSI 0–100 index"
caveat = "an index, not a CSAT %"

[[benchmark]]
metric = "acsi"
industry = "retail"
low = 78
high = 78
label = "ACSI retail trade sector 78.0 (2023–24)"
source = "ACSI Retail & Consumer Shipping Study 2023-24"
year = 2024
definition = "ACSI 0–100 index"
caveat = "an index, not a CSAT %"

[[benchmark]]
metric = "acsi"
industry = "airlines"
low = 74
high = 74
label = "ACSI airlines 74 (2025)"
source = "ACSI Travel Study 2025"
year = 2025
definition = "ACSI 0–100 index"
caveat = "an index; one outlet reports 73"

"""
}
