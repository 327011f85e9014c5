//! The compiled index's binary encoding: unsigned LEB128 numbers, strings
//! as a length and UTF-8 bytes, sorted ids as gaps.

use crate::error::DataError;

/// Appends `n` as an unsigned LEB128 number.
pub(crate) fn put(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Appends `text` as its length and bytes.
pub(crate) fn put_str(out: &mut Vec<u8>, text: &str) {
    put(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

/// Appends ascending `ids` as their count and gaps.
pub(crate) fn put_ids(out: &mut Vec<u8>, ids: &[u32]) {
    put(out, ids.len() as u64);
    let mut last = 0;
    for (at, &id) in ids.iter().enumerate() {
        put(out, u64::from(if at == 0 { id } else { id - last }));
        last = id;
    }
}

/// Reads a file written with the functions above; a file cut short or
/// otherwise unreadable is an error naming it.
pub(crate) struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    file: &'a str,
}

impl<'a> Cursor<'a> {
    /// A reader at the start of `bytes`, the contents of `file`.
    pub(crate) fn new(bytes: &'a [u8], file: &'a str) -> Self {
        Self { bytes, at: 0, file }
    }

    /// Whether everything has been read.
    pub(crate) fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    pub(crate) fn broken(&self) -> DataError {
        DataError::Field {
            file: self.file.to_owned(),
            path: format!("byte {}", self.at),
            reason: "not a broadsheet index file as this app reads it".to_owned(),
        }
    }

    /// The next number.
    pub(crate) fn number(&mut self) -> Result<u64, DataError> {
        let mut n = 0_u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at).ok_or_else(|| self.broken())?;
            self.at += 1;
            n |= u64::from(byte & 0x7F) << shift;
            if byte < 0x80 {
                return Ok(n);
            }
        }
        Err(self.broken())
    }

    /// The next number, as an id or count.
    pub(crate) fn id(&mut self) -> Result<u32, DataError> {
        u32::try_from(self.number()?).map_err(|_| self.broken())
    }

    /// The next string.
    pub(crate) fn string(&mut self) -> Result<&'a str, DataError> {
        let len = self.number()? as usize;
        let end = self.at.checked_add(len).ok_or_else(|| self.broken())?;
        let bytes = self.bytes.get(self.at..end).ok_or_else(|| self.broken())?;
        let text = std::str::from_utf8(bytes).map_err(|_| self.broken())?;
        self.at = end;
        Ok(text)
    }

    /// The next list of ascending ids.
    pub(crate) fn ids(&mut self) -> Result<Vec<u32>, DataError> {
        let count = self.id()? as usize;
        let mut ids = Vec::with_capacity(count.min(self.bytes.len()));
        let mut last = 0_u32;
        for at in 0..count {
            let gap = self.id()?;
            last = if at == 0 {
                gap
            } else {
                last.checked_add(gap).ok_or_else(|| self.broken())?
            };
            ids.push(last);
        }
        Ok(ids)
    }
}

/// The FNV-1a hash of `bytes` continued from `hash` (start with
/// [`FNV_START`]): names a build by its contents.
pub(crate) fn fnv(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Where an FNV-1a hash starts.
pub(crate) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back() {
        let mut out = Vec::new();
        put(&mut out, 300);
        put_str(&mut out, "Perú");
        put_ids(&mut out, &[3, 4, 900, 70_000]);
        let mut cursor = Cursor::new(&out, "x.bin");
        assert_eq!(cursor.number().ok(), Some(300));
        assert_eq!(cursor.string().ok(), Some("Perú"));
        assert_eq!(cursor.ids().ok(), Some(vec![3, 4, 900, 70_000]));
        assert!(cursor.done());
        let cut = &out[..out.len() - 1];
        let mut cursor = Cursor::new(cut, "x.bin");
        assert!(cursor.number().is_ok() && cursor.string().is_ok());
        let error = cursor.ids().map(|_| ()).unwrap_err().to_string();
        assert!(error.starts_with("x.bin: byte "), "{error}");
    }
}
