/**
 * DLMS codec throughput: A-XDR decode/encode of a profile-generic buffer of 96 entries (one day of a
 * 15-minute load profile: date-time octet-string, status, four energy registers — KSMW §5.7 LP1 layout),
 * its readable JSON form, and xDLMS APDU decode/encode of a get-request-normal, a get-response-with-
 * datablock carrying that buffer, and a data-notification (the KSMW-style H1 push plaintext).
 */
import { measure, type BenchRow } from '../lib.ts';
import { hexToBytes } from '../../harness/codec/bytes.ts';
import { axdrDecode, axdrEncode, axdrToJson, type AxdrValue } from '../../harness/codec/axdr/index.ts';
import { apduDecode, apduEncode, type Apdu } from '../../harness/codec/apdu/index.ts';

function profileBuffer(entries: number): AxdrValue {
  const rows: AxdrValue[] = [];
  for (let i = 0; i < entries; i++) {
    const minutes = i * 15;
    const time = Uint8Array.of(0x07, 0xe8, 3, 1, 5, Math.floor(minutes / 60), minutes % 60, 0, 0, 0xff, 0xc4, 0x00);
    rows.push({
      type: 'structure',
      value: [
        { type: 'octet-string', value: time },
        { type: 'unsigned', value: i % 3 === 0 ? 0x08 : 0 },
        { type: 'double-long-unsigned', value: 1_000_000 + i * 250 },
        { type: 'double-long-unsigned', value: 20_000 + i },
        { type: 'double-long-unsigned', value: 300_000 + i * 10 },
        { type: 'double-long-unsigned', value: 4_000 + i },
      ],
    });
  }
  return { type: 'array', value: rows };
}

const NOTIFICATION = hexToBytes(
  '0f0029b2dc0c07e50713010f2e2300ff8880020c09060000010000ff090c07e50713010f2e2300ff8880020209060000600100ff090e314b464d3031303030303030333502' +
  '02090600002a0000ff09104b464d31313030313030303030303335020309060100200700ff12090402020fff16230203090601001f0700ff12000002020ffe162102030906' +
  '0100010700ff060000000002020f00161b020309060100020700ff060000000002020f00161b020309060100010800ff060000239402020f00161e020309060100020800ff06' +
  '0000000002020f00161e020309060100030800ff060000006002020f001620020309060100040800ff060000000902020f001620',
);

export default function bench(): BenchRow[] {
  const rows: BenchRow[] = [];
  const buffer = profileBuffer(96);
  const bufferBytes = axdrEncode(buffer);
  rows.push(measure('axdr', 'decode profile buffer (96 entries)', bufferBytes.length, () => axdrDecode(bufferBytes), 300, `${bufferBytes.length} B`));
  rows.push(measure('axdr', 'encode profile buffer (96 entries)', bufferBytes.length, () => axdrEncode(buffer)));
  rows.push(measure('axdr', 'axdrToJson profile buffer', bufferBytes.length, () => axdrToJson(buffer)));

  const iip = { invokeId: 1, confirmed: true, highPriority: true };
  const getRequest = hexToBytes('C001C100070100630100FF0200');
  rows.push(measure('apdu', 'decode get-request-normal', getRequest.length, () => apduDecode(getRequest)));
  const getRequestApdu = apduDecode(getRequest);
  rows.push(measure('apdu', 'encode get-request-normal', getRequest.length, () => apduEncode(getRequestApdu)));

  const block: Apdu = {
    type: 'get-response-with-datablock', invokeIdAndPriority: iip,
    datablock: { lastBlock: false, blockNumber: 1, result: { rawData: bufferBytes } },
  };
  const blockBytes = apduEncode(block);
  rows.push(measure('apdu', 'decode get-response-with-datablock', blockBytes.length, () => apduDecode(blockBytes), 300, `${blockBytes.length} B`));
  rows.push(measure('apdu', 'encode get-response-with-datablock', blockBytes.length, () => apduEncode(block)));

  rows.push(measure('apdu', 'decode data-notification', NOTIFICATION.length, () => apduDecode(NOTIFICATION), 300, `${NOTIFICATION.length} B`));
  const notification = apduDecode(NOTIFICATION);
  rows.push(measure('apdu', 'encode data-notification', NOTIFICATION.length, () => apduEncode(notification)));
  return rows;
}
