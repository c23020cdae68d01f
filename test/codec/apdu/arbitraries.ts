/** fast-check generators of well-formed xDLMS APDUs of every modelled variant. */
import fc from 'fast-check';
import type {
  ActionResponseWithOptionalData, Apdu, AttributeWithSelection, CosemAttributeDescriptor, CosemMethodDescriptor, DataBlockG, DataBlockSA,
  GetDataResult, InvokeIdAndPriority, LongInvokeIdAndPriority, SelectiveAccessDescriptor,
} from '../../../harness/codec/apdu/types.ts';
import { axdrValueArb } from '../axdr/arbitraries.ts';
import { axdrLengthEncode } from '../../../harness/codec/axdr/index.ts';
import { CIPHERED_TAGS } from '../../../harness/codec/apdu/enums.ts';

const u8 = fc.integer({ min: 0, max: 255 });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const octets = (max: number) => fc.uint8Array({ maxLength: max });
const list = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 3 });
const data = axdrValueArb;

/** Optional field: absent keys are left out (the decoder never produces `key: undefined`). */
function opt<K extends string, T>(key: K, a: fc.Arbitrary<T>): fc.Arbitrary<Partial<Record<K, T>>> {
  return fc.option(a, { nil: undefined }).map((v) => (v === undefined ? {} : ({ [key]: v } as Record<K, T>)));
}

export const iipArb: fc.Arbitrary<InvokeIdAndPriority> = fc.record({
  invokeId: fc.integer({ min: 0, max: 15 }), confirmed: fc.boolean(), highPriority: fc.boolean(), reserved: fc.integer({ min: 0, max: 3 }),
}).map(({ reserved, ...r }) => (reserved ? { ...r, reserved } : r));

export const longIipArb: fc.Arbitrary<LongInvokeIdAndPriority> = fc.record({
  invokeId: fc.integer({ min: 0, max: 0xffffff }), selfDescriptive: fc.boolean(), breakOnError: fc.boolean(), confirmed: fc.boolean(),
  highPriority: fc.boolean(), reserved: fc.integer({ min: 0, max: 15 }),
}).map(({ reserved, ...r }) => (reserved ? { ...r, reserved } : r));

const instanceId = fc.uint8Array({ minLength: 6, maxLength: 6 });
const attrArb: fc.Arbitrary<CosemAttributeDescriptor> = fc.record({ classId: u16, instanceId, attributeId: fc.integer({ min: -128, max: 127 }) });
const methodArb: fc.Arbitrary<CosemMethodDescriptor> = fc.record({ classId: u16, instanceId, methodId: fc.integer({ min: -128, max: 127 }) });
const selArb: fc.Arbitrary<SelectiveAccessDescriptor> = fc.record({ accessSelector: u8, accessParameters: data });
const attrSelArb: fc.Arbitrary<AttributeWithSelection> = fc.tuple(attrArb, opt('accessSelection', selArb)).map(([attribute, s]) => ({ attribute, ...s }));
const gdrArb: fc.Arbitrary<GetDataResult> = fc.oneof(data.map((d) => ({ data: d })), u8.map((r) => ({ dataAccessResult: r })));
const lastBlock = fc.oneof(fc.boolean().map((lastBlock) => ({ lastBlock })), fc.integer({ min: 2, max: 255 }).map((lastBlockRaw) => ({ lastBlock: true, lastBlockRaw })));
const blockSA: fc.Arbitrary<DataBlockSA> = fc.tuple(lastBlock, u32, octets(200)).map(([lb, blockNumber, rawData]) => ({ ...lb, blockNumber, rawData }));
const blockG: fc.Arbitrary<DataBlockG> = fc.tuple(lastBlock, u32, fc.oneof(octets(200).map((rawData) => ({ rawData })), u8.map((dataAccessResult) => ({ dataAccessResult }))))
  .map(([lb, blockNumber, result]) => ({ ...lb, blockNumber, result }));
const actionResp: fc.Arbitrary<ActionResponseWithOptionalData> = fc.tuple(u8, opt('returnParameters', gdrArb)).map(([result, r]) => ({ result, ...r }));

const svc = <T extends object>(type: string, rest: fc.Arbitrary<T>): fc.Arbitrary<Apdu> =>
  fc.tuple(iipArb, rest).map(([invokeIdAndPriority, r]) => ({ type, invokeIdAndPriority, ...r }) as unknown as Apdu);

/** Protected APDUs with a well-formed frame: service-specific OCTET STRING, or general-glo/ded system-title + content. */
const serviceSpecificTags = [...CIPHERED_TAGS.keys()].filter((t) => t < 0xdb);
const cipheredArb: fc.Arbitrary<Apdu> = fc.oneof(
  fc.tuple(fc.constantFrom(...serviceSpecificTags), octets(300)).map(([tag, content]) =>
    ({ type: 'ciphered', tag, name: CIPHERED_TAGS.get(tag)!, bytes: Uint8Array.from([tag, ...axdrLengthEncode(content.length), ...content]) }) as Apdu),
  fc.tuple(fc.constantFrom(0xdb, 0xdc), fc.uint8Array({ minLength: 8, maxLength: 8 }), octets(300)).map(([tag, st, content]) =>
    ({ type: 'ciphered', tag, name: CIPHERED_TAGS.get(tag)!, bytes: Uint8Array.from([tag, 8, ...st, ...axdrLengthEncode(content.length), ...content]) }) as Apdu),
);

export const apduArb: fc.Arbitrary<Apdu> = fc.oneof(
  cipheredArb,
  fc.tuple(opt('dedicatedKey', octets(32)), fc.oneof(fc.constant({}), fc.boolean().map((responseAllowed) => ({ responseAllowed }))),
    opt('proposedQualityOfService', fc.integer({ min: -128, max: 127 })), u8, fc.integer({ min: 0, max: 0xffffff }), u16)
    .map(([k, ra, q, v, c, p]) => ({ type: 'initiateRequest', ...k, ...ra, ...q, proposedDlmsVersionNumber: v, proposedConformance: c, clientMaxReceivePduSize: p }) as Apdu),
  fc.tuple(opt('negotiatedQualityOfService', fc.integer({ min: -128, max: 127 })), u8, fc.integer({ min: 0, max: 0xffffff }), u16, fc.integer({ min: -0x8000, max: 0x7fff }))
    .map(([q, v, c, p, vaa]) => ({ type: 'initiateResponse', ...q, negotiatedDlmsVersionNumber: v, negotiatedConformance: c, serverMaxReceivePduSize: p, vaaName: vaa }) as Apdu),
  fc.record({ service: fc.integer({ min: 1, max: 19 }), serviceError: fc.integer({ min: 0, max: 10 }), value: u8 }).map((r) => ({ type: 'confirmedServiceError', ...r }) as Apdu),
  fc.record({ longInvokeIdAndPriority: longIipArb, dateTime: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ minLength: 12, maxLength: 12 })), body: data })
    .map((r) => ({ type: 'data-notification', ...r }) as Apdu),
  fc.tuple(opt('time', fc.uint8Array({ minLength: 12, maxLength: 12 })), attrArb, data).map(([t, attribute, value]) => ({ type: 'event-notification-request', ...t, attribute, value }) as Apdu),
  fc.tuple(u8, fc.integer({ min: 1, max: 6 }), u32).map(([stateError, serviceError, ic]) =>
    ({ type: 'exception-response', stateError, serviceError, ...(serviceError === 6 ? { invocationCounter: ic } : {}) }) as Apdu),
  fc.record({ lastBlock: fc.boolean(), streaming: fc.boolean(), window: fc.integer({ min: 0, max: 63 }), blockNumber: u16, blockNumberAck: u16, blockData: octets(200) })
    .map((r) => ({ type: 'general-block-transfer', ...r }) as Apdu),
  svc('get-request-normal', fc.tuple(attrArb, opt('accessSelection', selArb)).map(([attribute, s]) => ({ attribute, ...s }))),
  svc('get-request-next', fc.record({ blockNumber: u32 })),
  svc('get-request-with-list', fc.record({ attributes: list(attrSelArb) })),
  svc('get-response-normal', fc.record({ result: gdrArb })),
  svc('get-response-with-datablock', fc.record({ datablock: blockG })),
  svc('get-response-with-list', fc.record({ results: list(gdrArb) })),
  svc('set-request-normal', fc.tuple(attrArb, opt('accessSelection', selArb), data).map(([attribute, s, value]) => ({ attribute, ...s, value }))),
  svc('set-request-with-first-datablock', fc.tuple(attrArb, opt('accessSelection', selArb), blockSA).map(([attribute, s, datablock]) => ({ attribute, ...s, datablock }))),
  svc('set-request-with-datablock', fc.record({ datablock: blockSA })),
  svc('set-request-with-list', fc.record({ attributes: list(attrSelArb), values: list(data) })),
  svc('set-request-with-list-and-first-datablock', fc.record({ attributes: list(attrSelArb), datablock: blockSA })),
  svc('set-response-normal', fc.record({ result: u8 })),
  svc('set-response-datablock', fc.record({ blockNumber: u32 })),
  svc('set-response-last-datablock', fc.record({ result: u8, blockNumber: u32 })),
  svc('set-response-last-datablock-with-list', fc.record({ results: list(u8), blockNumber: u32 })),
  svc('set-response-with-list', fc.record({ results: list(u8) })),
  svc('action-request-normal', fc.tuple(methodArb, opt('parameters', data)).map(([method, p]) => ({ method, ...p }))),
  svc('action-request-next-pblock', fc.record({ blockNumber: u32 })),
  svc('action-request-with-list', fc.record({ methods: list(methodArb), parameters: list(data) })),
  svc('action-request-with-first-pblock', fc.record({ method: methodArb, pblock: blockSA })),
  svc('action-request-with-list-and-first-pblock', fc.record({ methods: list(methodArb), pblock: blockSA })),
  svc('action-request-with-pblock', fc.record({ pblock: blockSA })),
  svc('action-response-normal', fc.record({ response: actionResp })),
  svc('action-response-with-pblock', fc.record({ pblock: blockSA })),
  svc('action-response-with-list', fc.record({ responses: list(actionResp) })),
  svc('action-response-next-pblock', fc.record({ blockNumber: u32 })),
);
