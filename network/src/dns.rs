//! The DNS messages of a user-defined network's name server: a query's question read, and the
//! answer for a member's name built (RFC 1035). Pure: no I/O (the server is [`crate::dns_server`]).
//!
//! Written by hand: the server answers one question type from a table and forwards everything
//! else byte for byte, which needs a header, a question and A/AAAA records; the DNS crates
//! (hickory-proto) bring a full resolver's types and would grow every skiff start.

use std::collections::HashMap;
use std::net::IpAddr;

/// Record types the table answers.
const TYPE_A: u16 = 1;
const TYPE_AAAA: u16 = 28;
/// The Internet class.
const CLASS_IN: u16 = 1;
/// Response codes.
const RCODE_NXDOMAIN: u8 = 3;
const RCODE_REFUSED: u8 = 5;
/// How long a client may keep an answer: members come and go, so not long.
const TTL: u32 = 5;

/// A query's one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The name asked for, lower case, without the final dot.
    pub name: String,
    /// The record type (1 A, 28 AAAA...).
    pub qtype: u16,
    /// The class (1 IN).
    pub qclass: u16,
    /// Where the question ends in the message (the header and question are echoed back).
    end: usize,
}

/// Reads the question of `msg` when it is a standard query with exactly one question; None for
/// anything else (responses, other opcodes, compressed or malformed names), which the server
/// drops.
pub fn parse_query(msg: &[u8]) -> Option<Question> {
    if msg.len() < 12 {
        return None;
    }
    let flags = u16::from_be_bytes([msg[2], msg[3]]);
    let is_response = flags & 0x8000 != 0;
    let opcode = (flags >> 11) & 0xf;
    let qdcount = u16::from_be_bytes([msg[4], msg[5]]);
    if is_response || opcode != 0 || qdcount != 1 {
        return None;
    }
    let mut pos = 12;
    let mut labels: Vec<String> = Vec::new();
    let mut name_len = 0;
    loop {
        let len = usize::from(*msg.get(pos)?);
        pos += 1;
        if len == 0 {
            break;
        }
        // 0xc0: a compression pointer, which a query's first name has no use for; 0x40 and
        // 0x80 are reserved label types.
        if len & 0xc0 != 0 {
            return None;
        }
        let label = msg.get(pos..pos + len)?;
        // RFC 1035: a name is 255 octets at most, its labels' lengths and the final zero.
        name_len += len + 1;
        if name_len + 1 > 255 {
            return None;
        }
        labels.push(String::from_utf8_lossy(label).to_ascii_lowercase());
        pos += len;
    }
    let fixed = msg.get(pos..pos + 4)?;
    Some(Question {
        name: labels.join("."),
        qtype: u16::from_be_bytes([fixed[0], fixed[1]]),
        qclass: u16::from_be_bytes([fixed[2], fixed[3]]),
        end: pos + 4,
    })
}

/// The members' names and their addresses, from lines as /etc/hosts has them (`ADDRESS NAME
/// ALIAS...`); names match without regard to case. A `#upstream MEMBER SERVER` line names the
/// name server a member's other queries go to (its own `--dns`, as docker's embedded server
/// forwards them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    addresses: HashMap<String, Vec<IpAddr>>,
    upstreams: HashMap<IpAddr, IpAddr>,
}

/// The names file's directive of a member's own upstream name server.
pub const UPSTREAM_DIRECTIVE: &str = "#upstream";

impl Names {
    /// The table of `text` (hosts-file lines; comments, blank and unreadable lines skipped).
    pub fn parse(text: &str) -> Names {
        let mut map: HashMap<String, Vec<IpAddr>> = HashMap::new();
        let mut upstreams = HashMap::new();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix(UPSTREAM_DIRECTIVE) {
                let mut words = rest.split_whitespace().map(str::parse::<IpAddr>);
                if let (Some(Ok(member)), Some(Ok(server))) = (words.next(), words.next()) {
                    upstreams.insert(member, server);
                }
                continue;
            }
            let line = line.split('#').next().unwrap_or_default();
            let mut words = line.split_whitespace();
            let Some(Ok(ip)) = words.next().map(str::parse::<IpAddr>) else {
                continue;
            };
            for name in words {
                let addrs = map.entry(name.to_ascii_lowercase()).or_default();
                if !addrs.contains(&ip) {
                    addrs.push(ip);
                }
            }
        }
        Names {
            addresses: map,
            upstreams,
        }
    }

    /// The addresses of `name` (lower case), if it is a member's.
    pub fn lookup(&self, name: &str) -> Option<&[IpAddr]> {
        self.addresses.get(name).map(Vec::as_slice)
    }

    /// The name server member `client`'s other queries go to, when it has its own.
    pub fn upstream_of(&self, client: IpAddr) -> Option<IpAddr> {
        self.upstreams.get(&client).copied()
    }
}

/// What the server does with a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Send this answer back.
    Answer(Vec<u8>),
    /// Not a member's name: ask the upstream name server.
    Forward,
    /// Not a DNS query the server takes: send nothing.
    Drop,
}

/// The reply to `msg`: a member's name is answered from `names` (its IPv4 addresses for A,
/// IPv6 for AAAA, none for other types, so a client does not wait for what does not exist);
/// another name is forwarded when `can_forward`, else refused.
pub fn reply(msg: &[u8], names: &Names, can_forward: bool) -> Reply {
    let Some(q) = parse_query(msg) else {
        return Reply::Drop;
    };
    match names.lookup(&q.name) {
        Some(addrs) if q.qclass == CLASS_IN => {
            let wanted: Vec<IpAddr> = addrs
                .iter()
                .filter(|a| match q.qtype {
                    TYPE_A => a.is_ipv4(),
                    TYPE_AAAA => a.is_ipv6(),
                    _ => false,
                })
                .copied()
                .collect();
            Reply::Answer(answer(msg, &q, 0, &wanted))
        }
        // An address of a single label no member has is no host's either: say so at once
        // (other types, the root and top-level names, go upstream).
        None if is_single_label(&q.name)
            && q.qclass == CLASS_IN
            && matches!(q.qtype, TYPE_A | TYPE_AAAA) =>
        {
            Reply::Answer(answer(msg, &q, RCODE_NXDOMAIN, &[]))
        }
        _ if can_forward => Reply::Forward,
        _ => Reply::Answer(answer(msg, &q, RCODE_REFUSED, &[])),
    }
}

/// A name of one label (`db`, not `db.example` or the root).
fn is_single_label(name: &str) -> bool {
    !name.is_empty() && !name.contains('.')
}

/// The response to query `msg` (question `q`) with `rcode` and one record per address.
fn answer(msg: &[u8], q: &Question, rcode: u8, addrs: &[IpAddr]) -> Vec<u8> {
    let mut out = Vec::with_capacity(q.end + addrs.len() * 28);
    out.extend_from_slice(&msg[..2]);
    // QR, the query's opcode (0) and RD, AA (the server owns these names), RA, rcode.
    let rd = msg[2] & 0x01;
    out.push(0x84 | rd);
    out.push(0x80 | (rcode & 0x0f));
    out.extend_from_slice(&1u16.to_be_bytes());
    out.extend_from_slice(&(addrs.len() as u16).to_be_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&msg[12..q.end]);
    for addr in addrs {
        // The name: a pointer to the question's (offset 12).
        out.extend_from_slice(&[0xc0, 0x0c]);
        let (rtype, data) = match addr {
            IpAddr::V4(a) => (TYPE_A, a.octets().to_vec()),
            IpAddr::V6(a) => (TYPE_AAAA, a.octets().to_vec()),
        };
        out.extend_from_slice(&rtype.to_be_bytes());
        out.extend_from_slice(&CLASS_IN.to_be_bytes());
        out.extend_from_slice(&TTL.to_be_bytes());
        out.extend_from_slice(&(data.len() as u16).to_be_bytes());
        out.extend_from_slice(&data);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A query for `name` of type `qtype`, id 0x1234, recursion desired.
    fn query(name: &str, qtype: u16) -> Vec<u8> {
        let mut m = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
        for label in name.split('.') {
            m.push(label.len() as u8);
            m.extend_from_slice(label.as_bytes());
        }
        m.push(0);
        m.extend_from_slice(&qtype.to_be_bytes());
        m.extend_from_slice(&CLASS_IN.to_be_bytes());
        m
    }

    fn names() -> Names {
        Names::parse("# members\n10.89.0.2\tweb alias abc123\nfd00::2 web\nbogus line\n")
    }

    #[test]
    fn a_member_s_own_upstream_is_read_from_its_directive() {
        let n = Names::parse("10.89.0.2 web\n#upstream 10.89.0.2 9.9.9.9\n#upstream bad 1.1.1.1\n");
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(n.upstream_of(ip("10.89.0.2")), Some(ip("9.9.9.9")));
        assert_eq!(n.upstream_of(ip("10.89.0.3")), None);
        assert_eq!(n.lookup("web"), Some(&[ip("10.89.0.2")][..]));
        assert_eq!(n.lookup("#upstream"), None);
    }

    #[test]
    fn a_members_name_and_alias_answer_with_their_address() {
        let q = query("Web", TYPE_A);
        let Reply::Answer(a) = reply(&q, &names(), true) else {
            panic!("not answered")
        };
        assert_eq!(&a[..2], &[0x12, 0x34], "the query's id");
        assert_eq!(a[2] & 0x80, 0x80, "a response");
        assert_eq!(a[3] & 0x0f, 0, "no error");
        assert_eq!(u16::from_be_bytes([a[6], a[7]]), 1, "one answer");
        assert_eq!(&a[a.len() - 4..], &[10, 89, 0, 2]);
        let Reply::Answer(a) = reply(&query("alias", TYPE_A), &names(), false) else {
            panic!("alias not answered")
        };
        assert_eq!(&a[a.len() - 4..], &[10, 89, 0, 2]);
        let Reply::Answer(a) = reply(&query("web", TYPE_AAAA), &names(), true) else {
            panic!("AAAA not answered")
        };
        assert_eq!(a[a.len() - 16..][..2], [0xfd, 0x00]);
    }

    #[test]
    fn a_member_without_that_type_gets_an_empty_answer_not_a_forward() {
        let Reply::Answer(a) = reply(&query("alias", TYPE_AAAA), &names(), true) else {
            panic!("not answered")
        };
        assert_eq!((a[3] & 0x0f, a[6], a[7]), (0, 0, 0));
    }

    #[test]
    fn other_names_go_upstream_or_are_refused() {
        assert_eq!(
            reply(&query("example.com", TYPE_A), &names(), true),
            Reply::Forward
        );
        let Reply::Answer(a) = reply(&query("example.com", TYPE_A), &names(), false) else {
            panic!("not refused")
        };
        assert_eq!(a[3] & 0x0f, RCODE_REFUSED);
        let Reply::Answer(a) = reply(&query("nosuch", TYPE_A), &names(), true) else {
            panic!("a single label no member has is not answered")
        };
        assert_eq!(a[3] & 0x0f, RCODE_NXDOMAIN);
        // Other types of a top-level name (a validating resolver's DS/DNSKEY) go upstream.
        assert_eq!(reply(&query("com", 43), &names(), true), Reply::Forward);
    }

    #[test]
    fn responses_pointers_and_short_messages_are_dropped() {
        let mut response = query("web", TYPE_A);
        response[2] |= 0x80;
        assert_eq!(reply(&response, &names(), true), Reply::Drop);
        let mut pointer = query("web", TYPE_A);
        pointer[12] = 0xc0;
        assert_eq!(reply(&pointer, &names(), true), Reply::Drop);
        assert_eq!(reply(&[0x12, 0x34], &names(), true), Reply::Drop);
        let q = query("web", TYPE_A);
        assert_eq!(reply(&q[..q.len() - 1], &names(), true), Reply::Drop);
    }

    #[test]
    fn other_opcodes_several_questions_and_overlong_names_are_dropped() {
        let mut status = query("web", TYPE_A);
        status[2] |= 2 << 3; // opcode 2 (STATUS)
        assert_eq!(reply(&status, &names(), true), Reply::Drop);
        let mut two = query("web", TYPE_A);
        two[5] = 2;
        assert_eq!(reply(&two, &names(), true), Reply::Drop);
        // 63 + 63 + 63 + 61 octets in four labels: 254 with the lengths, 255 with the zero.
        let longest = [
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(61),
        ]
        .join(".");
        assert!(parse_query(&query(&longest, TYPE_A)).is_some());
        let over = format!("{longest}e");
        assert_eq!(parse_query(&query(&over, TYPE_A)), None);
    }

    #[test]
    fn an_answer_echoes_the_question_and_sets_docker_s_flags() {
        let q = query("web", TYPE_A);
        let Reply::Answer(a) = reply(&q, &names(), true) else {
            panic!("not answered")
        };
        assert_eq!(
            &a[12..q.len()],
            &q[12..],
            "the whole question, type and class"
        );
        // QR, AA and the query's RD; RA and no error.
        assert_eq!((a[2], a[3]), (0x85, 0x80));
        let mut no_rd = query("nosuch", TYPE_A);
        no_rd[2] = 0;
        let Reply::Answer(a) = reply(&no_rd, &names(), true) else {
            panic!("not answered")
        };
        assert_eq!((a[2], a[3]), (0x84, 0x80 | RCODE_NXDOMAIN));
        assert_eq!(
            &a[4..12],
            &[0, 1, 0, 0, 0, 0, 0, 0],
            "one question, no answer"
        );
    }

    #[test]
    fn a_members_name_in_another_class_is_not_answered_from_the_table() {
        let mut chaos = query("web", TYPE_A);
        let n = chaos.len();
        chaos[n - 1] = 3; // class CH
        assert_eq!(reply(&chaos, &names(), true), Reply::Forward);
    }

    proptest! {
        /// Any bytes: no panic, and an answer always echoes the id and the question.
        #[test]
        fn any_message_is_answered_dropped_or_forwarded(msg in proptest::collection::vec(any::<u8>(), 0..300)) {
            if let Reply::Answer(a) = reply(&msg, &names(), false) {
                let q = parse_query(&msg).unwrap();
                prop_assert_eq!(&a[..2], &msg[..2]);
                prop_assert_eq!(&a[12..q.end], &msg[12..q.end]);
            }
        }

        /// Every name built of labels parses back to itself, lower case.
        #[test]
        fn names_round_trip(labels in proptest::collection::vec("[A-Za-z0-9-]{1,20}", 1..6), qtype in any::<u16>()) {
            let name = labels.join(".");
            let q = parse_query(&query(&name, qtype)).unwrap();
            prop_assert_eq!(q.name, name.to_ascii_lowercase());
            prop_assert_eq!(q.qtype, qtype);
        }
    }
}
