//! Tag names of the pre-pass as small interned [`Tag`]s: each distinct lowercase name gets an
//! id once per page, with its set memberships ([`super::super::tag_sets`], [`super::split`])
//! worked out then as flag bits, so the model compares and classifies names without strings.

use super::super::tag_sets::{
    closes_p, is_block, is_boundary, is_foreign, is_formatting, is_raw, is_special, is_void,
};
use super::split;
use std::collections::HashMap;

/// A lowercase tag name of one page: an id (equal names, equal ids) and its flags.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Tag {
    pub id: u32,
    flags: u16,
}

pub const RAW: u16 = 1;
pub const VOID: u16 = 1 << 1;
pub const FOREIGN: u16 = 1 << 2;
pub const FORMATTING: u16 = 1 << 3;
pub const BOUNDARY: u16 = 1 << 4;
pub const BLOCK: u16 = 1 << 5;
pub const CLOSES_P: u16 = 1 << 6;
pub const SPECIAL: u16 = 1 << 7;
/// In [`split::CONTAINERS`].
pub const CONTAINER: u16 = 1 << 8;
pub const HEADING: u16 = 1 << 9;
/// Ends foreign content ([`split::breaks_out`]).
pub const BREAKS_OUT: u16 = 1 << 10;
/// Bits of the split tracker's count slot ([`split::slot`]), 0 for none.
const SLOT_SHIFT: u16 = 12;

impl Tag {
    /// True when the name is in any of the sets `flags`.
    pub fn is(self, flags: u16) -> bool {
        self.flags & flags != 0
    }

    /// The split tracker's count this name keeps (0 for none).
    pub fn slot(self) -> usize {
        usize::from(self.flags >> SLOT_SHIFT)
    }
}

/// A set's membership test and its flag.
pub type Set = (fn(&str) -> bool, u16);

fn flags_of(name: &str) -> u16 {
    let sets: [Set; 11] = [
        (is_raw, RAW),
        (is_void, VOID),
        (is_foreign, FOREIGN),
        (is_formatting, FORMATTING),
        (is_boundary, BOUNDARY),
        (is_block, BLOCK),
        (closes_p, CLOSES_P),
        (is_special, SPECIAL),
        (split::is_container, CONTAINER),
        (split::is_heading, HEADING),
        (split::breaks_out, BREAKS_OUT),
    ];
    let bits = sets
        .iter()
        .filter(|(is, _)| is(name))
        .fold(0, |acc, (_, bit)| acc | bit);
    // (`slot` is below 8: it fits above the flags.)
    bits | (split::slot(name) as u16) << SLOT_SHIFT
}

/// Declares the names the model and the tracker test by name: `pub const X: u32` ids, in the
/// order of `KNOWN`, which [`Names::new`] interns first.
macro_rules! known {
    ($($id:ident = $name:literal,)*) => {
        const KNOWN: &[&str] = &[$($name,)*];
        known!(@ids 0u32, $($id,)*);
    };
    (@ids $n:expr, $id:ident, $($rest:ident,)*) => {
        pub const $id: u32 = $n;
        known!(@ids $n + 1, $($rest,)*);
    };
    (@ids $n:expr,) => {};
}

known! {
    A = "a", ADDRESS = "address", BODY = "body", BUTTON = "button", CAPTION = "caption",
    COLGROUP = "colgroup", DD = "dd", DIV = "div", DT = "dt", FORM = "form",
    FRAMESET = "frameset", HEAD = "head", HR = "hr", HTML = "html", IMAGE = "image",
    ISINDEX = "isindex", KEYGEN = "keygen", LI = "li", LISTING = "listing", MENUITEM = "menuitem",
    NOBR = "nobr", OPTION = "option", P = "p", PLAINTEXT = "plaintext", PRE = "pre", RB = "rb",
    RP = "rp", RT = "rt", RTC = "rtc", SEARCH = "search", SELECT = "select",
    TABLE = "table", TBODY = "tbody", TD = "td", TEMPLATE = "template", TFOOT = "tfoot",
    TH = "th", THEAD = "thead", TR = "tr", XMP = "xmp",
}

type Long = HashMap<Box<[u8]>, Tag>;

/// Slots looked at before a short name is set aside in [`Names::crowded`]: the table's hash is
/// fast, not keyed, so a hostile page can make thousands of names share a home slot (a name of
/// 15 bytes whose second half repeats its first hashes the same whatever those bytes are).
/// Without the bound every new name would walk the whole cluster: quadratic.
const MAX_PROBE: usize = 32;

/// Where a lookup in the short-name table ended.
enum Probe {
    Found(Tag),
    Empty(usize),
    Crowded,
}

/// Longest name kept packed in a `u128` key (the top byte holds the length).
const SHORT: usize = 15;

/// The names of one page.
pub struct Names {
    /// Open-addressed table of packed short names (0: empty slot).
    keys: Vec<u128>,
    tags: Vec<Tag>,
    /// `keys.len()` is `1 << bits`.
    bits: u32,
    long: Long,
    /// Short names whose probe ran past [`MAX_PROBE`] (std's keyed hash: no crafted clusters).
    crowded: HashMap<u128, Tag>,
    names: Vec<Box<str>>,
    /// A lowercase long name being looked up.
    buf: Vec<u8>,
}

/// `x` with ASCII capitals lowercased, all 16 bytes at once.
fn lower(x: u128) -> u128 {
    const ONES: u128 = u128::MAX / 255;
    let low7 = x & (ONES * 0x7f);
    // Per byte (no carries: at most 0x7f + 0x3f): bit 7 set when ≥ 'A', when > 'Z'.
    let ge_a = low7 + ONES * u128::from(0x80 - b'A');
    let gt_z = low7 + ONES * u128::from(0x80 - b'Z' - 1);
    let upper = ge_a & !gt_z & !x & (ONES * 0x80);
    x | upper >> 2
}

impl Names {
    pub fn new() -> Self {
        let bits = 8;
        let mut n = Names {
            keys: vec![0; 1 << bits],
            tags: vec![Tag { id: 0, flags: 0 }; 1 << bits],
            bits,
            long: Long::new(),
            crowded: HashMap::new(),
            names: Vec::new(),
            buf: Vec::new(),
        };
        for name in KNOWN {
            n.get(name.as_bytes(), 0, name.len());
        }
        n
    }

    /// The tag of the name `b[at..at + len]` (any case; ASCII letters are lowercased, as the
    /// tokenizer does).
    pub fn get(&mut self, b: &[u8], at: usize, len: usize) -> Tag {
        let raw = b.get(at..at + len).unwrap_or_default();
        if raw.is_empty() || raw.len() > SHORT {
            return self.get_long(raw);
        }
        let packed = match b.get(at..at + 16) {
            Some(w) => u128::from_le_bytes(w.try_into().unwrap_or_default()),
            None => raw.iter().rev().fold(0, |acc, &c| acc << 8 | u128::from(c)),
        };
        let key = lower(packed & ((1 << (8 * raw.len())) - 1)) | (raw.len() as u128) << 120;
        let slot = match self.probe(key) {
            Probe::Found(t) => return t,
            Probe::Empty(i) => Some(i),
            Probe::Crowded => None,
        };
        // Not in the table: maybe set aside earlier (see `crowded`).
        if let Some(&t) = self.crowded.get(&key) {
            return t;
        }
        let t = self.add(raw);
        match slot {
            Some(i) => {
                self.keys[i] = key;
                self.tags[i] = t;
                if self.names.len() * 2 > self.keys.len() {
                    self.grow();
                }
            }
            None => {
                self.crowded.insert(key, t);
            }
        }
        t
    }

    /// Looks `key` up in at most [`MAX_PROBE`] slots.
    fn probe(&self, key: u128) -> Probe {
        let mask = self.keys.len() - 1;
        let mut i = self.home(key);
        for _ in 0..MAX_PROBE {
            match self.keys[i] {
                k if k == key => return Probe::Found(self.tags[i]),
                0 => return Probe::Empty(i),
                _ => i = (i + 1) & mask,
            }
        }
        Probe::Crowded
    }

    /// The slot where the search for `key` starts.
    fn home(&self, key: u128) -> usize {
        let x = key as u64 ^ (key >> 64) as u64;
        (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - self.bits)) as usize
    }

    /// Doubles the short-name table.
    fn grow(&mut self) {
        let keys = std::mem::take(&mut self.keys);
        let tags = std::mem::take(&mut self.tags);
        self.bits += 1;
        self.keys = vec![0; 1 << self.bits];
        self.tags = vec![Tag { id: 0, flags: 0 }; 1 << self.bits];
        let mask = self.keys.len() - 1;
        for (key, t) in keys.into_iter().zip(tags).filter(|(k, _)| *k != 0) {
            let mut i = self.home(key);
            let mut probes = 0;
            while self.keys[i] != 0 && probes < MAX_PROBE {
                i = (i + 1) & mask;
                probes += 1;
            }
            if self.keys[i] == 0 {
                self.keys[i] = key;
                self.tags[i] = t;
            } else {
                self.crowded.insert(key, t);
            }
        }
    }

    fn get_long(&mut self, raw: &[u8]) -> Tag {
        self.buf.clear();
        self.buf.extend(raw.iter().map(u8::to_ascii_lowercase));
        if let Some(&t) = self.long.get(self.buf.as_slice()) {
            return t;
        }
        let t = self.add(raw);
        self.long.insert(self.buf.as_slice().into(), t);
        t
    }

    /// A new id for `raw`, lowercased.
    fn add(&mut self, raw: &[u8]) -> Tag {
        // Tag names end at ASCII bytes, so `raw` is whole characters of the page.
        let name = String::from_utf8_lossy(raw).to_ascii_lowercase();
        let t = Tag {
            id: u32::try_from(self.names.len()).unwrap_or(u32::MAX),
            flags: flags_of(&name),
        };
        self.names.push(name.into());
        t
    }

    /// The lowercase name of `t`.
    pub fn name(&self, t: Tag) -> &str {
        self.names.get(t.id as usize).map_or("", |n| n)
    }

    /// How many names have ids (ids are `0..len`).
    pub fn len(&self) -> usize {
        self.names.len()
    }
}
