export * from './transport.ts';
export { memoryPair } from './memory.ts';
export { tcpClient, tcpServe, type TcpTarget, type TcpServerHandle } from './tcp.ts';
export { udpTransport, type UdpTarget } from './udp.ts';
export { serialTransport, type SerialTarget } from './serial.ts';
export { stdioTransport } from './stdio.ts';
export { traceRecorder, traced, type TraceEntry, type TraceRecorder } from './trace.ts';
export { uartReceive, lineLabel, sameLine } from './uart.ts';
