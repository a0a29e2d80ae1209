//! A small HTTP/1.1 client over a raw TCP stream, for tests and the load benchmark: it can
//! send exactly the bytes a hostile client would (wrong Host, lying Content-Length, half a
//! request), which a well-behaved client library refuses to do. Loopback only.

#![allow(dead_code)]

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpSocket, TcpStream};

/// A response: status, headers (names lower-cased), body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    /// A refusal as the server promises: a 4xx with `{error, message}`.
    pub fn refused(&self) -> String {
        assert!(
            (400..500).contains(&self.status),
            "expected a 4xx, got {} {}",
            self.status,
            self.body
        );
        let json = self.json();
        assert!(
            json["message"].is_string(),
            "a refusal says why: {}",
            self.body
        );
        json["error"].as_str().expect("an error code").to_string()
    }
}

/// Opens a connection to `server` from loopback address `from` (any port), so tests can play
/// many devices with distinct addresses (127.0.0.0/8 is all loopback).
pub async fn connect(server: SocketAddr, from: IpAddr) -> TcpStream {
    assert!(
        server.ip().is_loopback() && from.is_loopback(),
        "tests talk to loopback only"
    );
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(from, 0)).unwrap();
    let stream = socket.connect(server).await.unwrap();
    stream.set_nodelay(true).unwrap();
    stream
}

/// A keep-alive connection that sends requests one after another.
pub struct Conn {
    reader: BufReader<TcpStream>,
    pub host: String,
}

impl Conn {
    pub async fn open(server: SocketAddr, from: IpAddr) -> Conn {
        Conn {
            reader: BufReader::new(connect(server, from).await),
            host: server.to_string(),
        }
    }

    /// Sends a request with this server's Host header and a JSON body (if any).
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> std::io::Result<Reply> {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.host);
        if let Some(t) = token {
            head.push_str(&format!("Authorization: Bearer {t}\r\n"));
        }
        if let Some(b) = body {
            head.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                b.len()
            ));
        }
        head.push_str("\r\n");
        head.push_str(body.unwrap_or(""));
        self.raw(head.as_bytes()).await
    }

    /// Sends `bytes` as they are and reads one response.
    pub async fn raw(&mut self, bytes: &[u8]) -> std::io::Result<Reply> {
        self.reader.get_mut().write_all(bytes).await?;
        read_reply(&mut self.reader).await
    }
}

async fn read_reply(reader: &mut BufReader<TcpStream>) -> std::io::Result<Reply> {
    let mut line = String::new();
    if reader.read_line(&mut line).await? == 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "connection closed",
        ));
    }
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).await?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((n, v)) = l.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await?;
    Ok(Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// An open event stream: reads events as `(name, data)`.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    pub async fn open(server: SocketAddr, from: IpAddr, token: &str) -> std::io::Result<Events> {
        let mut stream = connect(server, from).await;
        let head = format!(
            "GET /api/events?token={token} HTTP/1.1\r\nHost: {server}\r\nAccept: text/event-stream\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).await?;
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).await?;
        if !line.contains(" 200 ") {
            return Err(std::io::Error::other(format!(
                "event stream refused: {line}"
            )));
        }
        loop {
            line.clear();
            reader.read_line(&mut line).await?;
            if line.trim_end().is_empty() {
                break;
            }
        }
        Ok(Events { reader })
    }

    /// The next event, skipping keep-alive comments; `None` when the stream ends or `wait`
    /// passes first. Reads the chunked framing loosely: size lines are skipped.
    pub async fn next(&mut self, wait: Duration) -> Option<(String, String)> {
        tokio::time::timeout(wait, async {
            let (mut name, mut data) = (String::new(), String::new());
            let mut line = String::new();
            loop {
                line.clear();
                if self.reader.read_line(&mut line).await.ok()? == 0 {
                    return None;
                }
                let l = line.trim_end();
                if let Some(v) = l.strip_prefix("event:") {
                    name = v.trim().to_string();
                } else if let Some(v) = l.strip_prefix("data:") {
                    data.push_str(v.trim());
                } else if l.is_empty() && !name.is_empty() {
                    return Some((name, data));
                }
            }
        })
        .await
        .ok()
        .flatten()
    }
}
