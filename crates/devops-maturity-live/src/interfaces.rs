//! This machine's IPv4 interfaces, to choose where a session listens. The room's network is
//! reached through a private address (10/8, 172.16/12, 192.168/16); loopback serves a
//! one-machine demo. Public addresses are listed last and never chosen by default.

use std::net::{IpAddr, Ipv4Addr};

use serde::Serialize;

/// One address this machine has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interface {
    /// The interface's name (`wlan0`, `en0`, `Wi-Fi` …).
    pub name: String,
    pub ip: IpAddr,
    pub private: bool,
    pub loopback: bool,
}

/// Private addresses first (the default is the first one), then loopback, then any others.
/// Loopback is always offered, even when the system does not list it.
pub fn interfaces() -> Vec<Interface> {
    let mut list: Vec<Interface> = local_ip_address::list_afinet_netifas()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(name, ip)| match ip {
            IpAddr::V4(v4) if !v4.is_link_local() && !v4.is_unspecified() => Some(Interface {
                name,
                ip,
                private: v4.is_private(),
                loopback: v4.is_loopback(),
            }),
            _ => None,
        })
        .collect();
    if !list.iter().any(|i| i.loopback) {
        list.push(Interface {
            name: "lo".into(),
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            private: false,
            loopback: true,
        });
    }
    sort(&mut list);
    list
}

fn sort(list: &mut [Interface]) {
    list.sort_by_key(|i| (!i.private, !i.loopback));
}

/// The address a session listens on unless told otherwise: the first private IPv4 address,
/// else loopback.
pub fn default_ip() -> IpAddr {
    interfaces()
        .into_iter()
        .find(|i| i.private || i.loopback)
        .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |i| i.ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_addresses_come_first_then_loopback_then_public() {
        let i = |name: &str, ip: [u8; 4]| {
            let v4 = Ipv4Addr::from(ip);
            Interface {
                name: name.into(),
                ip: IpAddr::V4(v4),
                private: v4.is_private(),
                loopback: v4.is_loopback(),
            }
        };
        let mut list = vec![
            i("pub", [203, 0, 113, 5]),
            i("lo", [127, 0, 0, 1]),
            i("wlan0", [192, 168, 1, 20]),
        ];
        sort(&mut list);
        let names: Vec<&str> = list.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["wlan0", "lo", "pub"]);
        assert!(
            interfaces().iter().any(|i| i.loopback),
            "loopback is always offered"
        );
    }
}
