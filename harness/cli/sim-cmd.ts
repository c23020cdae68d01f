/** `meterproof sim <name>`: serve a built-in simulator to other tools over a serial port or TCP. */
import type { Command } from 'commander';
import { EXIT, UsageError } from './errors.ts';

function parseOptions(list: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UsageError(`--option: expected key=value, found "${kv}"`);
    const v = kv.slice(i + 1);
    out[kv.slice(0, i)] = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v;
  }
  return out;
}

export function registerSim(program: Command): void {
  program
    .command('sim <name>')
    .description('serve a built-in simulator (see meterproof faults for their names) on a serial port or TCP until interrupted')
    .option('--serial <path>', 'serve on this serial device (e.g. one end of a socat pty pair)')
    .option('--tcp <port>', 'serve on this TCP port (127.0.0.1)')
    .option('--stdio', 'serve on stdin/stdout (radio simulators speak hex lines, one frame per line); status goes to stderr')
    .option('--host <addr>', 'address to listen on with --tcp', '127.0.0.1')
    .option('--line <settings>', 'UART settings for --serial, e.g. 115200-7E1 (default: the device\'s own)')
    .option('--wired', 'with `gas`: the wired M-Bus meter (same as the name gas-wired)')
    .option('--wireless', 'with `gas`: the wireless (T2) meter (same as the name gas-wireless)')
    .option('--fault <name...>', 'switch on fault switches')
    .option('--option <key=value...>', 'simulator options (see the simulator\'s profiles)')
    .action(async (given: string, o: { serial?: string; tcp?: string; stdio?: boolean; host: string; line?: string; wired?: boolean; wireless?: boolean; fault?: string[]; option?: string[] }) => {
      if (o.wired && o.wireless) throw new UsageError('give --wired or --wireless, not both');
      const name = o.wired ? `${given}-wired` : o.wireless ? `${given}-wireless` : given;
      const { findSim, SIMULATORS } = await import('../sim/registry.ts');
      const { realClock } = await import('../clock/real.ts');
      const { serialTransport } = await import('../transport/serial.ts');
      const { tcpServe } = await import('../transport/tcp.ts');
      const { TransportError } = await import('../transport/transport.ts');
      const { parseLine } = await import('../runner/link.ts');
      const def = findSim(name);
      if (!def) throw new UsageError(`no simulator named "${name}" (have: ${SIMULATORS.map((s) => s.name).join(', ')})`);
      if ([o.serial, o.tcp, o.stdio].filter(Boolean).length !== 1) throw new UsageError('give exactly one of --serial <path>, --tcp <port> or --stdio');
      const faults = new Set(o.fault ?? []);
      for (const f of faults) if (!def.faults.some((x) => x.name === f)) throw new UsageError(`simulator ${name} has no fault switch "${f}"`);
      const options = { ...(def.profiles[0]?.transport.kind === 'sim' ? def.profiles[0].transport.options : {}), ...parseOptions(o.option) };
      const clock = realClock();
      const device = def.create({ clock, faults, options });
      let stop: () => Promise<void>;
      if (o.stdio) {
        const { stdioTransport } = await import('../transport/stdio.ts');
        const t = stdioTransport(clock);
        await t.open();
        device.attach(t);
        process.stderr.write(`simulator ${name} serving on stdio${faults.size ? ` with faults ${[...faults].join(',')}` : ''}\n`);
        // End of input ends the session, as a closed pipe would.
        t.on('close', () => process.kill(process.pid, 'SIGTERM'));
        stop = async () => { await t.close(); };
      } else if (o.serial) {
        const line = o.line ? parseLine(o.line) : def.line?.(options, faults) ?? { baud: 9600, dataBits: 8, parity: 'none', stopBits: 1 };
        const t = serialTransport(clock, { path: o.serial, ...line });
        try {
          await t.open();
        } catch (e) {
          process.stderr.write(`meterproof: ${(e as Error).message}\n`);
          process.exit(e instanceof TransportError && e.code === 'unreachable' ? EXIT.unreachable : EXIT.usage);
        }
        device.attach(t);
        process.stdout.write(`simulator ${name} serving on ${t.label}${faults.size ? ` with faults ${[...faults].join(',')}` : ''}\n`);
        stop = async () => { await t.close(); };
      } else {
        const port = Number(o.tcp);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--tcp: expected a port number, found "${o.tcp}"`);
        const server = await tcpServe(clock, port, (t) => device.attach(t), o.host);
        process.stdout.write(`simulator ${name} serving on tcp ${o.host}:${server.port}${faults.size ? ` with faults ${[...faults].join(',')}` : ''}\n`);
        stop = () => server.close();
      }
      await new Promise<void>((resolve) => {
        const end = () => resolve();
        process.once('SIGINT', end);
        process.once('SIGTERM', end);
      });
      await stop();
      await device.stop();
      process.exit(EXIT.ok);
    });
}
