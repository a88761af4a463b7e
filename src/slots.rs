//! Slots: a small integer for every distinct key of a frame's rows, below a bound not much larger
//! than the number of rows. Counting the distinct keys, picking a row per key and placing rows into
//! a table of keys are then writes into and reads from arrays of that bound (polars' scatter and
//! gather), instead of hashing or sorting millions of keys: on the 7.9 M national observations
//! the duplicate check and the wide layout of the series took 0.5 s and 1.4 s that way.

use polars::prelude::*;

use crate::error::Result;
use crate::frame;

/// The slot of every row of a frame.
#[derive(Debug, Clone)]
pub struct Slots {
    of_row: IdxCa,
    len: usize,
}

/// The most slots worth an array: a few per row (an array of the packed keys' span is then not
/// much larger than the rows themselves), and never fewer than a small table's worth.
fn most_slots(rows: usize) -> u64 {
    (rows as u64).saturating_mul(4).clamp(1 << 16, IdxSize::MAX as u64)
}

impl Slots {
    /// The packed key of `columns` itself ([`frame::packed_key`]), when its span is small enough
    /// for an array. None otherwise (text columns, wide ranges of codes).
    pub fn dense(df: &DataFrame, columns: &[String]) -> Result<Option<Slots>> {
        let Some((key, span)) = frame::packed_key(df, columns)? else {
            return Ok(None);
        };
        if span > most_slots(df.height()) {
            return Ok(None);
        }
        let k = frame::select_in_parts(df, vec![key.cast(IDX_DTYPE).alias("slot")])?;
        Ok(Some(Slots {
            of_row: k.column("slot")?.idx()?.clone(),
            len: span as usize,
        }))
    }

    /// Dense slots when they can be; otherwise every distinct key numbered in order of first
    /// appearance and joined back to its rows (a null is a value of its own).
    pub fn of(df: &DataFrame, columns: &[String]) -> Result<Slots> {
        if let Some(s) = Slots::dense(df, columns)? {
            return Ok(s);
        }
        let keys = df.select(columns.iter().map(String::as_str))?;
        let on: Vec<Expr> = columns.iter().map(|c| col(c.as_str())).collect();
        let distinct = keys
            .clone()
            .lazy()
            .unique_stable(None, UniqueKeepStrategy::First)
            .with_row_index("\u{1f}slot", None)
            .collect()?;
        let mut args = JoinArgs::new(JoinType::Left);
        args.nulls_equal = true;
        args.maintain_order = MaintainOrderJoin::Left;
        let slot = keys
            .lazy()
            .join(distinct.clone().lazy(), on.clone(), on, args)
            .select([col("\u{1f}slot")])
            .collect()?;
        Ok(Slots {
            of_row: slot.column("\u{1f}slot")?.idx()?.rechunk().into_owned(),
            len: distinct.height(),
        })
    }

    /// Every slot is below this.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The slot of every row.
    pub fn of_row(&self) -> &IdxCa {
        &self.of_row
    }

    /// The slots of the rows where `mask` is true, numbered as before.
    pub fn filter(&self, mask: &BooleanChunked) -> Result<Slots> {
        Ok(Slots {
            of_row: self.of_row.filter(mask)?,
            len: self.len,
        })
    }

    /// `per_slot[slot]` for every row.
    pub fn each_row(&self, per_slot: &[bool]) -> Result<BooleanChunked> {
        Ok(BooleanChunked::from_slice(PlSmallStr::EMPTY, per_slot).take(&self.of_row)?)
    }

    /// For every slot, the last row in it; null where no row is.
    pub fn owners(&self) -> Result<IdxCa> {
        numbering(self.len, &self.of_row)
    }

    /// One row of every slot that has rows (its last), in order of slot: a row per distinct key.
    pub fn one_row_each(&self) -> Result<IdxCa> {
        Ok(self.owners()?.into_series().drop_nulls().idx()?.clone())
    }
}

/// An array of `len` entries holding at `at[i]` the number `i` (the last such `i` when an entry
/// is named twice), null elsewhere: the inverse of a map from numbers to slots.
pub fn numbering(len: usize, at: &IdxCa) -> Result<IdxCa> {
    let at = at.rechunk();
    let idx = at.cont_slice()?;
    let mut out = IdxCa::full_null(PlSmallStr::EMPTY, len);
    let written = (&mut out).scatter(idx, (0..idx.len() as IdxSize).map(Some))?;
    Ok(written.idx()?.clone())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    /// Rows of (text or null, integer or null): as a frame with the text coded or plain.
    fn frame_of(rows: &[(Option<u8>, Option<i32>)], coded: bool) -> DataFrame {
        let a: Vec<Option<String>> = rows.iter().map(|r| r.0.map(|x| format!("t{x}"))).collect();
        let mut a = Column::new("a".into(), a);
        if coded {
            a = a.cast(&frame::local_categorical()).unwrap();
        }
        let b: Vec<Option<i32>> = rows.iter().map(|r| r.1).collect();
        DataFrame::new_infer_height(vec![a, Column::new("b".into(), b)]).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Two rows share a slot exactly when they share a key (a null being a value of its own),
        /// whether the slots are the packed keys or numbered through a join; every slot is below
        /// `len`, and one row is picked for each key.
        #[test]
        fn rows_share_a_slot_exactly_when_they_share_a_key(
            rows in prop::collection::vec((prop::option::of(0u8..6), prop::option::of(-3i32..4)), 0..60),
            coded in any::<bool>(),
        ) {
            let df = frame_of(&rows, coded);
            let names = ["a".to_string(), "b".to_string()];
            let slots = Slots::of(&df, &names).unwrap();
            prop_assert_eq!(Slots::dense(&df, &names).unwrap().is_some(), coded);
            let of_row: Vec<IdxSize> = slots.of_row().into_no_null_iter().collect();
            prop_assert_eq!(of_row.len(), rows.len());
            let mut seen: BTreeMap<(Option<u8>, Option<i32>), IdxSize> = BTreeMap::new();
            let mut used: BTreeMap<IdxSize, (Option<u8>, Option<i32>)> = BTreeMap::new();
            for (row, slot) in rows.iter().zip(&of_row) {
                prop_assert!((*slot as usize) < slots.len());
                prop_assert_eq!(*seen.entry(*row).or_insert(*slot), *slot);
                prop_assert_eq!(*used.entry(*slot).or_insert(*row), *row);
            }
            let picked: Vec<IdxSize> = slots.one_row_each().unwrap().into_no_null_iter().collect();
            prop_assert_eq!(picked.len(), seen.len());
            let keys: std::collections::BTreeSet<_> = picked.iter().map(|i| rows[*i as usize]).collect();
            prop_assert_eq!(keys.len(), seen.len());
            prop_assert_eq!(frame::n_distinct(&df, &names).unwrap(), seen.len());
        }
    }

    #[test]
    fn a_numbering_is_the_inverse_of_its_slots() {
        let at = IdxCa::from_vec(PlSmallStr::EMPTY, vec![4, 0, 2, 0]);
        let n: Vec<Option<IdxSize>> = numbering(6, &at).unwrap().iter().collect();
        assert_eq!(
            n,
            [Some(3), None, Some(2), None, Some(0), None],
            "the last number named wins"
        );
        assert!(
            numbering(3, &at).is_err(),
            "a slot beyond the array is an error, not a write"
        );
    }

    #[test]
    fn keys_spread_over_more_than_a_few_slots_a_row_are_numbered() {
        let df = DataFrame::new_infer_height(vec![Column::new("y".into(), [0i64, 1 << 40, 0])]).unwrap();
        let names = ["y".to_string()];
        assert!(Slots::dense(&df, &names).unwrap().is_none());
        // Still packed (in 64 bits), and counted through the packed keys.
        assert_eq!(
            frame::packed_key(&df, &names).unwrap().map(|k| k.1),
            Some((1 << 40) + 2)
        );
        assert_eq!(frame::n_distinct(&df, &names).unwrap(), 2);
        let slots = Slots::of(&df, &names).unwrap();
        assert_eq!(slots.len(), 2);
        let of_row: Vec<IdxSize> = slots.of_row().into_no_null_iter().collect();
        assert_eq!(of_row, [0, 1, 0]);
    }
}
