//! Units and places by name, for a roster without a unit table: the
//! counties and districts named in the roster, each unit's name in its full
//! form (东安 → 东安县, 纪委 → 纪委监委, 云州市财政局 → 市财政局), 工作单位及职务
//! split into unit and post (the longest unit name that the text starts
//! with, followed by a post), and a draft unit table (region from the county
//! or district in the name, city level otherwise; kind from the name).

use crate::io::text::fold_width;
use std::collections::BTreeMap;

/// Endings of an organisation's name (the longest first where one ends
/// another: 办公室 before 室 is no ending of its own).
const ORG_ENDINGS: [&str; 27] = [
    "办公室",
    "委员会",
    "人民政府",
    "政府",
    "法院",
    "检察院",
    "医院",
    "学校",
    "公司",
    "集团",
    "中心",
    "街道",
    "社区",
    "局",
    "委",
    "办",
    "院",
    "镇",
    "乡",
    "村",
    "部",
    "厅",
    "所",
    "站",
    "馆",
    "会",
    "行",
];

/// A name ending so is a post of the unit before it (党委书记), not a unit.
const NOT_UNIT_ENDINGS: [&str; 7] = ["党委", "党组", "党工委", "支部", "总支", "工委", "干部"];

/// How a post begins (what may follow a unit's name).
const POST_STARTS: [&str; 45] = [
    "办公室",
    "党组",
    "党委",
    "党工委",
    "党支部",
    "党总支",
    "副",
    "主任",
    "局长",
    "书记",
    "科长",
    "股长",
    "科员",
    "干部",
    "职员",
    "工作人员",
    "一级",
    "二级",
    "三级",
    "四级",
    "委员",
    "部长",
    "镇长",
    "乡长",
    "主席",
    "院长",
    "所长",
    "站长",
    "馆长",
    "会计",
    "出纳",
    "总经理",
    "经理",
    "董事",
    "监事",
    "第",
    "驻",
    "正",
    "专职",
    "调研员",
    "组长",
    "常务",
    "办事员",
    "秘书",
    "机关",
];

/// Words that a name's ending would cut in two (会|计, 办|公室, 委|员):
/// no unit ends inside one.
const WORDS_ACROSS: [&str; 12] = [
    "会计", "办公", "委员", "局长", "部长", "院长", "所长", "站长", "馆长", "行长", "村民", "镇长",
];

/// Internal parts of a unit (科, 股, 室 …): a post may follow one.
const PART_ENDINGS: [char; 7] = ['科', '股', '室', '处', '队', '组', '部'];

/// The places of a roster: the city and its counties and districts.
#[derive(Debug, Default, Clone)]
pub struct Places {
    /// The city (云州市), when the roster names it.
    pub city: Option<String>,
    /// Counties and districts (东安县), in the order first seen.
    pub counties: Vec<String>,
}

/// A county's short form: 东安县 → 东安 (two characters or more left).
pub fn short_form(county: &str) -> Option<String> {
    let stem = county.strip_suffix(['县', '区'])?;
    (stem.chars().count() >= 2).then(|| stem.to_string())
}

fn clean(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

impl Places {
    /// Finds the counties and districts that unit texts start with (two or
    /// three characters and 县 or 区, after the city's name if any), and the
    /// city from 籍贯 such as 云州市东安县.
    pub fn find(units: &[&str], natives: &[&str]) -> Places {
        let mut p = Places::default();
        for t in units {
            let t = clean(t);
            if t.starts_with('市') {
                continue;
            }
            let chars: Vec<char> = t.chars().collect();
            for n in [2, 3] {
                if chars.len() > n + 1 && matches!(chars[n], '县' | '区') {
                    let c: String = chars[..=n].iter().collect();
                    if !p.counties.contains(&c) {
                        p.counties.push(c);
                    }
                    break;
                }
            }
        }
        let mut cities: BTreeMap<String, usize> = BTreeMap::new();
        for t in natives.iter().map(|t| clean(t)) {
            for c in &p.counties {
                if let Some((head, _)) = t.split_once(c.as_str()) {
                    if head.ends_with('市') && head.chars().count() >= 2 {
                        *cities.entry(head.to_string()).or_default() += 1;
                    }
                }
            }
        }
        p.city = cities
            .into_iter()
            .max_by_key(|(c, n)| (*n, std::cmp::Reverse(c.clone())))
            .map(|(c, _)| c);
        p
    }

    /// The county a name starts with (in its full form), if any.
    pub fn county_of(&self, full: &str) -> Option<&str> {
        self.counties
            .iter()
            .find(|c| full.starts_with(c.as_str()))
            .map(String::as_str)
    }

    /// A unit text in its full form, with the short forms it had: the
    /// city's name dropped for city-level units (云州市财政局 → 市财政局),
    /// a county's short form made full (东安财政局 → 东安县财政局), 纪委 →
    /// 纪委监委, 中共 dropped.
    pub fn full_form(&self, text: &str) -> (String, Vec<&'static str>) {
        let mut t = clean(text);
        let mut how = Vec::new();
        if let Some(rest) = t.strip_prefix("中共") {
            t = rest.to_string();
        }
        if let Some(city) = &self.city {
            if let Some(rest) = t.strip_prefix(city.as_str()) {
                t = if self.county_of(rest).is_some() || rest.starts_with('市') {
                    rest.to_string()
                } else {
                    format!("市{rest}")
                };
            }
        }
        for c in &self.counties {
            if let Some(short) = short_form(c) {
                if t.starts_with(&short) && !t.starts_with(c.as_str()) {
                    t = format!("{c}{}", &t[short.len()..]);
                    how.push("东安 → 东安县");
                }
            }
        }
        if let Some(at) = t.find("纪委") {
            if !t[at..].starts_with("纪委监委") {
                t = format!("{}纪委监委{}", &t[..at], &t[at + "纪委".len()..]);
                how.push("纪委 → 纪委监委");
            }
        }
        (t, how)
    }
}

/// Can `rest` follow a unit's name: nothing, a post, or an internal part
/// (科, 股, 室 …) followed by a post?
fn post_like(rest: &str) -> bool {
    if rest.is_empty() || rest.starts_with(['、', '，', ',', '（', '(']) {
        return true;
    }
    if POST_STARTS.iter().any(|p| rest.starts_with(p)) {
        return true;
    }
    rest.char_indices()
        .take(12)
        .any(|(i, c)| PART_ENDINGS.contains(&c) && post_like_after_part(&rest[i + c.len_utf8()..]))
}

fn post_like_after_part(rest: &str) -> bool {
    rest.is_empty() || POST_STARTS.iter().any(|p| rest.starts_with(p)) || rest.ends_with('长')
}

/// Splits a full-form 工作单位及职务 into (unit, post) by the endings of
/// organisations' names: the longest prefix that ends like one and is
/// followed by a post. `None` when no prefix fits.
pub fn split_by_endings(full: &str) -> Option<(String, String)> {
    // (strong: a post follows at once, end)
    let mut best: Option<(bool, usize)> = None;
    for (i, c) in full.char_indices() {
        let end = i + c.len_utf8();
        let (head, rest) = (&full[..end], &full[end..]);
        let across = rest
            .chars()
            .next()
            .is_some_and(|n| WORDS_ACROSS.contains(&format!("{c}{n}").as_str()));
        if head.chars().count() < 3
            || across
            || !ORG_ENDINGS.iter().any(|e| head.ends_with(e))
            || NOT_UNIT_ENDINGS.iter().any(|e| head.ends_with(e))
            || head
                .strip_suffix("办公室")
                .is_some_and(|h| !h.ends_with('委') && !h.ends_with("政府"))
        {
            continue;
        }
        if post_like(rest) {
            let strong = rest.is_empty() || POST_STARTS.iter().any(|p| rest.starts_with(p));
            if best.is_none_or(|(s, _)| strong || !s) {
                best = Some((strong, end));
            }
        }
    }
    best.map(|(_, e)| (full[..e].to_string(), full[e..].to_string()))
}

/// Splits by the longest known unit name the text starts with and that a
/// post (or nothing) follows.
pub fn split_by_known<'a>(full: &str, known: &'a [String]) -> Option<(&'a str, String)> {
    known
        .iter()
        .filter(|u| full.starts_with(u.as_str()) && post_like(&full[u.len()..]))
        .max_by_key(|u| u.len())
        .map(|u| (u.as_str(), full[u.len()..].to_string()))
}

/// A unit's kind from its name: township (镇/乡/街道), village (村/社区),
/// soe (公司/集团), department otherwise.
pub fn kind_of(name: &str) -> &'static str {
    if name.ends_with('镇') || name.ends_with('乡') || name.ends_with("街道") {
        "township"
    } else if name.ends_with('村') || name.ends_with("社区") {
        "village"
    } else if name.ends_with("公司") || name.ends_with("集团") {
        "soe"
    } else {
        "department"
    }
}

/// The parent of a village: the township whose name it starts with.
pub fn parent_of<'a>(name: &str, units: &'a [String]) -> Option<&'a str> {
    if kind_of(name) != "village" {
        return None;
    }
    units
        .iter()
        .filter(|u| {
            u.len() < name.len() && name.starts_with(u.as_str()) && kind_of(u) == "township"
        })
        .max_by_key(|u| u.len())
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> Places {
        Places::find(
            &["东安县财政局", "西山区委组织部", "市财政局副局长"],
            &["云州市东安县", "东安"],
        )
    }

    #[test]
    fn counties_and_the_city_are_found() {
        let p = places();
        assert_eq!(p.counties, vec!["东安县", "西山区"]);
        assert_eq!(p.city.as_deref(), Some("云州市"));
    }

    #[test]
    fn short_forms_are_made_full() {
        let p = places();
        assert_eq!(p.full_form("东安财政局局长").0, "东安县财政局局长");
        assert_eq!(
            p.full_form("市纪委第三纪检监察室干部").0,
            "市纪委监委第三纪检监察室干部"
        );
        assert_eq!(p.full_form("云州市财政局").0, "市财政局");
        assert_eq!(p.full_form("云州市东安县审计局").0, "东安县审计局");
        assert_eq!(p.full_form("中共东安县委组织部").0, "东安县委组织部");
    }

    #[test]
    fn unit_and_post_are_split() {
        let s = |t: &str| split_by_endings(t).map(|(u, _)| u);
        assert_eq!(
            s("市纪委监委第一纪检监察室主任").as_deref(),
            Some("市纪委监委")
        );
        assert_eq!(s("市财政局党组成员、副局长").as_deref(), Some("市财政局"));
        assert_eq!(
            s("东安县审计局经济责任审计股股长").as_deref(),
            Some("东安县审计局")
        );
        assert_eq!(s("东安县城关镇党委副书记").as_deref(), Some("东安县城关镇"));
        assert_eq!(s("市农业农村局副局长").as_deref(), Some("市农业农村局"));
        assert_eq!(
            s("东安县城关镇东村党支部书记").as_deref(),
            Some("东安县城关镇东村")
        );
        assert_eq!(s("市委组织部干部一科科长").as_deref(), Some("市委组织部"));
        assert_eq!(s("市委巡察办副主任").as_deref(), Some("市委巡察办"));
        assert_eq!(
            s("市卫生健康委员会办公室主任").as_deref(),
            Some("市卫生健康委员会")
        );
        assert_eq!(s("市财政局会计科科长").as_deref(), Some("市财政局"));
        assert_eq!(s("市审计局办公室副主任").as_deref(), Some("市审计局"));
        assert_eq!(s("青溪县委办公室副主任").as_deref(), Some("青溪县委办公室"));
        assert_eq!(s("北林县财政局会计股股长").as_deref(), Some("北林县财政局"));
        assert_eq!(s("张三"), None);
    }

    #[test]
    fn kinds_and_parents() {
        assert_eq!(kind_of("东安县城关镇"), "township");
        assert_eq!(kind_of("东安县城关镇东村"), "village");
        assert_eq!(kind_of("东安县财政局"), "department");
        let units = vec!["东安县城关镇".to_string(), "东安县".to_string()];
        assert_eq!(parent_of("东安县城关镇东村", &units), Some("东安县城关镇"));
    }
}
