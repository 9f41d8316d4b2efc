//! Two real Syncthing instances on this machine sharing one folder, as two librarians' laptops
//! would: loopback addresses only, no global discovery, relays, NAT traversal or local
//! announcements, each with its own home, GUI and listen port, the two devices introduced to
//! each other by their configuration, and the folder's file watcher set to the delay the README
//! recommends (`fsWatcherDelayS` 1).

use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// One Syncthing device: its home (keys, config, database, log) and the folder it shares.
pub struct Device {
    pub home: PathBuf,
    pub folder: PathBuf,
    pub id: String,
    listen: u16,
    gui: u16,
    child: Option<Child>,
}

/// A pair of devices sharing folder `spar`; stopped when dropped.
pub struct Pair {
    pub a: Device,
    pub b: Device,
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Whether the `syncthing` program is there.
pub fn installed() -> bool {
    Command::new("syncthing")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

impl Device {
    fn generate(root: &Path, name: &str) -> Device {
        let home = root.join(format!("{name}-home"));
        let folder = root.join(format!("{name}-data"));
        fs::create_dir_all(folder.join(".stfolder")).unwrap();
        let out = Command::new("syncthing")
            .args(["generate", "--no-default-folder"])
            .arg(format!("--home={}", home.display()))
            .output()
            .expect("run syncthing generate");
        assert!(out.status.success(), "syncthing generate: {out:?}");
        let out = Command::new("syncthing")
            .args(["serve", "--device-id"])
            .arg(format!("--home={}", home.display()))
            .output()
            .expect("run syncthing --device-id");
        let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(id.len() > 50, "a device id: {out:?}");
        Device {
            home,
            folder,
            id,
            listen: free_port(),
            gui: free_port(),
            child: None,
        }
    }

    fn configure(&self, peer: &Device) {
        let config = format!(
            r#"<configuration version="36">
    <folder id="spar" label="spar" path="{folder}" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <device id="{me}"></device>
        <device id="{peer}"></device>
    </folder>
    <device id="{me}" name="{me_name}" compression="metadata">
        <address>dynamic</address>
    </device>
    <device id="{peer}" name="{peer_name}" compression="metadata">
        <address>tcp://127.0.0.1:{peer_port}</address>
    </device>
    <gui enabled="true" tls="false">
        <address>127.0.0.1:{gui}</address>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{listen}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <reconnectionIntervalS>1</reconnectionIntervalS>
    </options>
</configuration>
"#,
            folder = self.folder.display(),
            me = self.id,
            peer = peer.id,
            me_name = self.home.file_name().unwrap().to_string_lossy(),
            peer_name = peer.home.file_name().unwrap().to_string_lossy(),
            peer_port = peer.listen,
            gui = self.gui,
            listen = self.listen,
        );
        fs::write(self.home.join("config.xml"), config).unwrap();
    }

    fn start(&mut self) {
        let log = fs::File::create(self.home.join("syncthing.log")).unwrap();
        let child = Command::new("syncthing")
            .args([
                "serve",
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
                "--no-default-folder",
                "--skip-port-probing",
            ])
            .arg(format!("--home={}", self.home.display()))
            .env("STNOUPGRADE", "1")
            .env_remove("all_proxy")
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start syncthing");
        self.child = Some(child);
    }

    /// The end of this device's log, for a failure message.
    pub fn log_tail(&self) -> String {
        let log = fs::read_to_string(self.home.join("syncthing.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

impl Drop for Device {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Pair {
    /// Starts both devices under `root` and waits until a file written on each side has
    /// arrived on the other (they are connected and the folder is shared).
    pub fn start(root: &Path) -> Pair {
        let mut a = Device::generate(root, "a");
        let mut b = Device::generate(root, "b");
        a.configure(&b);
        b.configure(&a);
        a.start();
        b.start();
        let pair = Pair { a, b };
        for (from, to) in [(&pair.a, &pair.b), (&pair.b, &pair.a)] {
            let name = format!("probe-{}.txt", &from.id[..7]);
            fs::write(from.folder.join(&name), "probe").unwrap();
            pair.wait_for_file(&to.folder.join(&name), Duration::from_secs(120));
        }
        pair
    }

    /// Waits until `copy` holds the same bytes as `original` (Syncthing may first bring over an
    /// older version of a file than the original's now); panics with both devices' logs when it
    /// does not in `limit`.
    pub fn wait_for_same(&self, original: &Path, copy: &Path, limit: Duration) {
        let same = || (fs::read(copy).ok() == fs::read(original).ok()).then_some(());
        if super::disk::within(copy, limit, same).is_none() {
            panic!(
                "{} did not catch up with {} in {limit:?}\n--- a\n{}\n--- b\n{}",
                copy.display(),
                original.display(),
                self.a.log_tail(),
                self.b.log_tail()
            );
        }
    }

    /// Waits until `path` exists; panics with both devices' logs when it does not in `limit`.
    pub fn wait_for_file(&self, path: &Path, limit: Duration) {
        if super::disk::within(path, limit, || path.exists().then_some(())).is_none() {
            panic!(
                "{} did not arrive in {limit:?}\n--- a\n{}\n--- b\n{}",
                path.display(),
                self.a.log_tail(),
                self.b.log_tail()
            );
        }
    }
}
