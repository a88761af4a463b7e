//! The fixed wording of every chart, in Vietnamese and English, in one place.

use crate::i18n::Lang;

pub(crate) fn year(lang: Lang) -> &'static str {
    lang.pick("Năm", "Year")
}

pub(crate) fn observed(lang: Lang) -> &'static str {
    lang.pick("Thực hiện", "Observed")
}

pub(crate) fn estimate(lang: Lang) -> &'static str {
    lang.pick("Ước tính/sơ bộ", "Estimate/provisional")
}

pub(crate) fn baseline(lang: Lang) -> &'static str {
    lang.pick("Năm gốc", "Baseline")
}

pub(crate) fn required_path(lang: Lang) -> &'static str {
    lang.pick("Lộ trình cần đạt", "Required path")
}

pub(crate) fn projection(lang: Lang) -> &'static str {
    lang.pick("Dự báo theo tốc độ hiện tại", "Projection at current pace")
}

pub(crate) fn targets(lang: Lang) -> &'static str {
    lang.pick("Mục tiêu", "Targets")
}

pub(crate) fn legend(lang: Lang) -> &'static str {
    lang.pick("Chú giải", "Legend")
}

pub(crate) fn series_break(lang: Lang, years: &[i32]) -> String {
    let list = years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
    match lang {
        Lang::Vi => format!("Chuỗi số liệu gián đoạn năm {list}: không nối hai đoạn."),
        Lang::En => format!("Series break in {list}: the two parts are not joined."),
    }
}

pub(crate) fn pace_ratio(lang: Lang) -> &'static str {
    lang.pick(
        "Tỷ số tiến độ so với yêu cầu (100 % = đúng lộ trình)",
        "Progress against the required pace (100 % = on schedule)",
    )
}

pub(crate) fn not_assessable_short(lang: Lang) -> &'static str {
    lang.pick("chưa đánh giá được", "not assessable")
}

pub(crate) fn goal(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Vi => format!("Mục tiêu ASEAN {code}"),
        Lang::En => format!("ASEAN goal {code}"),
    }
}

pub(crate) fn no_value(lang: Lang, names: &[&str]) -> String {
    let list = names.join(", ");
    match lang {
        Lang::Vi => format!("Không có số liệu: {list}."),
        Lang::En => format!("No data: {list}."),
    }
}

/// The same in both languages: the code is what readers look up.
pub(crate) fn goal_tag(code: &str) -> String {
    format!("ASEAN {code}")
}

pub(crate) fn no_targets(lang: Lang) -> &'static str {
    lang.pick("Không có chỉ tiêu nào để vẽ", "No targets to draw")
}

pub(crate) fn no_data_year(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Vi => format!("Không có số liệu năm {year}"),
        Lang::En => format!("No data for {year}"),
    }
}
