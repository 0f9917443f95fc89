//! `ip("...")` arguments: one address, a CIDR block or an inclusive range.

use std::net::IpAddr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IpMatcher {
    Addr(IpAddr),
    Cidr(IpAddr, u8),
    Range(IpAddr, IpAddr),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid ip filter {input:?}: {why}; use an address (10.0.0.1), a CIDR block (10.0.0.0/8) or a range (10.0.0.1-10.0.0.9)")]
pub struct IpError {
    pub input: String,
    pub why: &'static str,
}

impl IpMatcher {
    pub fn parse(s: &str) -> Result<IpMatcher, IpError> {
        let err = |why| IpError {
            input: s.to_string(),
            why,
        };
        let t = s.trim();
        if let Some((addr, bits)) = t.split_once('/') {
            let addr: IpAddr = addr.trim().parse().map_err(|_| err("bad address"))?;
            let bits: u8 = bits.trim().parse().map_err(|_| err("bad prefix length"))?;
            let max = if addr.is_ipv4() { 32 } else { 128 };
            if bits > max {
                return Err(err("prefix length too long"));
            }
            return Ok(IpMatcher::Cidr(addr, bits));
        }
        if let Some((a, b)) = t.split_once('-') {
            let a: IpAddr = a.trim().parse().map_err(|_| err("bad range start"))?;
            let b: IpAddr = b.trim().parse().map_err(|_| err("bad range end"))?;
            if a.is_ipv4() != b.is_ipv4() {
                return Err(err("range mixes IPv4 and IPv6"));
            }
            if to_u128(a) > to_u128(b) {
                return Err(err("range start is after its end"));
            }
            return Ok(IpMatcher::Range(a, b));
        }
        t.parse()
            .map(IpMatcher::Addr)
            .map_err(|_| err("bad address"))
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        match *self {
            IpMatcher::Addr(a) => a == ip,
            IpMatcher::Range(a, b) => {
                a.is_ipv4() == ip.is_ipv4() && (to_u128(a)..=to_u128(b)).contains(&to_u128(ip))
            }
            IpMatcher::Cidr(net, bits) => {
                if net.is_ipv4() != ip.is_ipv4() {
                    return false;
                }
                let width = if net.is_ipv4() { 32 } else { 128 };
                let shift = width - u32::from(bits);
                if shift >= 128 {
                    return true;
                }
                (to_u128(net) >> shift) == (to_u128(ip) >> shift)
            }
        }
    }
}

fn to_u128(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v) => u128::from(u32::from(v)),
        IpAddr::V6(v) => u128::from(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_addresses_blocks_and_ranges() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let cidr = IpMatcher::parse("192.168.0.0/16").unwrap();
        assert!(cidr.contains(ip("192.168.4.2")));
        assert!(!cidr.contains(ip("192.169.0.1")));
        let range = IpMatcher::parse("10.0.0.1-10.0.0.9").unwrap();
        assert!(range.contains(ip("10.0.0.5")));
        assert!(!range.contains(ip("10.0.0.10")));
        assert!(IpMatcher::parse("::1").unwrap().contains(ip("::1")));
        assert!(IpMatcher::parse("0.0.0.0/0")
            .unwrap()
            .contains(ip("8.8.8.8")));
        assert!(IpMatcher::parse("10.0.0.0/33").is_err());
        assert!(IpMatcher::parse("nope").is_err());
    }
}
