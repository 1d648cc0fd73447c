import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../test/ports.js';

// A real IMAP server for the tests: Dovecot in the foreground with a private configuration under
// a temporary folder (no systemd, no system config), listening on a free port of 127.0.0.1.
// Debian: apt-get install dovecot-imapd (CI installs it).

export const DOVECOT = '/usr/sbin/dovecot';

export type Dovecot = { port: number; stop(): Promise<void> };

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

function config(dir: string, port: number): string {
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = dovenull
default_internal_group = dovenull
default_login_user = dovenull
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = ${dir}/users
}
userdb {
  driver = static
  args = uid=dovenull gid=dovenull home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
}

export async function startDovecot(users: { user: string; password: string }[]): Promise<Dovecot> {
  if (!fs.existsSync(DOVECOT)) {
    throw new Error(
      `${DOVECOT} is missing: the IMAP tests need a real Dovecot. Install it with "apt-get install -y dovecot-imapd" (CI does).`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdc-'));
  const port = await freePort();
  fs.mkdirSync(path.join(dir, 'mail'));
  fs.chmodSync(dir, 0o755);
  // Mail belongs to the unprivileged user Dovecot serves it as.
  if (process.getuid?.() === 0) {
    const { uid, gid } = userIds('dovenull');
    fs.chownSync(path.join(dir, 'mail'), uid, gid);
  }
  fs.writeFileSync(
    path.join(dir, 'users'),
    users.map((u) => `${u.user}:{PLAIN}${u.password}::::::`).join('\n') + '\n',
  );
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), config(dir, port));
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 15_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const log = fs.existsSync(path.join(dir, 'dovecot.log'))
        ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8')
        : '';
      throw new Error(`Dovecot did not start: ${output}${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`user ${name} is missing (it comes with dovecot-core)`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
