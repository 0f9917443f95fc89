//! UUIDs in their canonical text form, the shape log masks and question
//! understanding treat as an identifier.

/// `8-4-4-4-12` hex digits with dashes, any case, nothing more.
pub fn is_uuid(s: &[u8]) -> bool {
    s.len() == 36
        && s.iter().enumerate().all(|(k, &c)| match k {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_only() {
        assert!(is_uuid(b"123e4567-e89b-12d3-a456-426614174000"));
        assert!(is_uuid(b"123E4567-E89B-12D3-A456-426614174000"));
        assert!(!is_uuid(b"123e4567e89b12d3a456426614174000"));
        assert!(!is_uuid(b"123e4567-e89b-12d3-a456-42661417400"));
        assert!(!is_uuid(b"123e4567-e89b-12d3-a456-4266141740000"));
        assert!(!is_uuid(b"123e4567-e89b-12d3-a456_426614174000"));
        assert!(!is_uuid(b"g23e4567-e89b-12d3-a456-426614174000"));
        assert!(!is_uuid(b""));
    }
}
