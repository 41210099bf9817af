//! The client's address for the per-address throttles. Behind a reverse proxy every request
//! comes from the proxy, so the forwarded address is used, but only when the peer is one of
//! `BANGKOM_TRUSTED_PROXIES`: anyone else could write any `X-Forwarded-For` they like.

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// Parses `BANGKOM_TRUSTED_PROXIES`: CIDRs or single addresses, separated by commas.
pub fn parse_trusted(value: &str) -> Result<Vec<IpNet>, String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse::<IpNet>()
                .or_else(|_| part.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("{part:?} is not an address or a CIDR such as 10.0.0.0/8 or ::1/128"))
        })
        .collect()
}

/// The address the request came from: the TCP peer, or, when the peer is a trusted proxy,
/// the nearest address in the forwarding chain that is not itself a trusted proxy.
pub fn address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(&canonical(*ip)));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut chain = forwarded_for(headers);
    if chain.is_empty() {
        chain = x_forwarded_for(headers);
    }
    // Each proxy appends the address it saw: walk back from the nearest one.
    chain.into_iter().rev().find(|ip| !is_trusted(ip)).map(canonical).unwrap_or(peer)
}

/// An IPv4 address seen through an IPv6 socket (`::ffff:a.b.c.d`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn x_forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|part| parse_node(part.trim()))
        .collect()
}

/// RFC 7239 `Forwarded: for=192.0.2.1;proto=https, for="[2001:db8::1]:443"`.
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    headers
        .get_all("forwarded")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                name.trim().eq_ignore_ascii_case("for").then(|| parse_node(value.trim().trim_matches('"')))?
            })
        })
        .collect()
}

/// `1.2.3.4`, `1.2.3.4:80`, `2001:db8::1`, `[2001:db8::1]:443`.
fn parse_node(node: &str) -> Option<IpAddr> {
    if let Ok(ip) = node.parse() {
        return Some(ip);
    }
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    node.rsplit_once(':')?.0.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn forwarded_addresses_are_read_only_from_trusted_proxies() {
        let trusted = parse_trusted("10.0.0.0/8, 127.0.0.1").unwrap();
        let proxy: IpAddr = "10.1.2.3".parse().unwrap();
        let stranger: IpAddr = "198.51.100.7".parse().unwrap();
        let xff = headers(&[("x-forwarded-for", "203.0.113.9, 10.9.9.9")]);
        assert_eq!(address(proxy, &xff, &trusted), "203.0.113.9".parse::<IpAddr>().unwrap());
        assert_eq!(address(stranger, &xff, &trusted), stranger, "an untrusted peer's header is ignored");
        let spoofed = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.9")]);
        assert_eq!(
            address(proxy, &spoofed, &trusted),
            "203.0.113.9".parse::<IpAddr>().unwrap(),
            "what the client wrote before the proxy's entry is not believed"
        );
        let forwarded = headers(&[("forwarded", "for=\"[2001:db8::1]:443\";proto=https, for=10.0.0.2")]);
        assert_eq!(address(proxy, &forwarded, &trusted), "2001:db8::1".parse::<IpAddr>().unwrap());
        assert_eq!(address(proxy, &HeaderMap::new(), &trusted), proxy);
        let mapped: IpAddr = "::ffff:10.1.2.3".parse().unwrap();
        assert_eq!(address(mapped, &xff, &trusted), "203.0.113.9".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn bad_entries_are_named() {
        assert!(parse_trusted("").unwrap().is_empty());
        assert_eq!(parse_trusted("::1/128,192.168.0.0/16").unwrap().len(), 2);
        let err = parse_trusted("10.0.0.0/8, proxy.local").unwrap_err();
        assert!(err.contains("proxy.local"), "{err}");
        assert!(parse_trusted("10.0.0.0/33").is_err());
    }
}
