/**
 * Selective access to profile buffers (IEC 62056-6-2 profile generic IC 7, attribute 2 access selectors):
 *   selector 1 range_descriptor ::= structure { restricting_object capture_object_definition,
 *       from_value, to_value (Data, normally date-time octet-strings), selected_values array of
 *       capture_object_definition (empty = all columns) }
 *   selector 2 entry_descriptor ::= structure { from_entry double-long-unsigned, to_entry
 *       double-long-unsigned, from_selected_value long-unsigned, to_selected_value long-unsigned }
 *   capture_object_definition ::= structure { class_id long-unsigned, logical_name octet-string(6),
 *       attribute_index integer, data_index long-unsigned }
 * The APDU model keeps access-parameters as Data (exact round trip); these helpers build that Data and
 * interpret it for the readable form when it has the expected shape.
 */
import { obisFormat } from '../obis/index.ts';
import { type AxdrJson, axdrToJson } from '../axdr/json.ts';
import type { AxdrValue } from '../axdr/types.ts';
import type { SelectiveAccessDescriptor } from './types.ts';

export interface CaptureObjectDefinition {
  classId: number;
  logicalName: Uint8Array;
  attributeIndex: number;
  dataIndex: number;
}

export interface RangeDescriptor {
  restrictingObject: CaptureObjectDefinition;
  fromValue: AxdrValue;
  toValue: AxdrValue;
  /** Empty = all captured columns. */
  selectedValues?: CaptureObjectDefinition[];
}

export interface EntryDescriptor {
  fromEntry: number;
  /** 0 = the last entry. */
  toEntry: number;
  fromSelectedValue: number;
  /** 0 = the last column. */
  toSelectedValue: number;
}

export function captureObjectData(o: CaptureObjectDefinition): AxdrValue {
  return {
    type: 'structure',
    value: [
      { type: 'long-unsigned', value: o.classId },
      { type: 'octet-string', value: o.logicalName },
      { type: 'integer', value: o.attributeIndex },
      { type: 'long-unsigned', value: o.dataIndex },
    ],
  };
}

/** Selective-Access-Descriptor for access-selector 1 (by range). */
export function rangeDescriptor(r: RangeDescriptor): SelectiveAccessDescriptor {
  return {
    accessSelector: 1,
    accessParameters: {
      type: 'structure',
      value: [captureObjectData(r.restrictingObject), r.fromValue, r.toValue, { type: 'array', value: (r.selectedValues ?? []).map(captureObjectData) }],
    },
  };
}

/** Selective-Access-Descriptor for access-selector 2 (by entry). */
export function entryDescriptor(e: EntryDescriptor): SelectiveAccessDescriptor {
  return {
    accessSelector: 2,
    accessParameters: {
      type: 'structure',
      value: [
        { type: 'double-long-unsigned', value: e.fromEntry },
        { type: 'double-long-unsigned', value: e.toEntry },
        { type: 'long-unsigned', value: e.fromSelectedValue },
        { type: 'long-unsigned', value: e.toSelectedValue },
      ],
    },
  };
}

function fields(v: AxdrValue, n: number): AxdrValue[] | null {
  return v.type === 'structure' && v.value.length === n ? v.value : null;
}

function num(v: AxdrValue, type: string): number | null {
  return v.type === type && typeof (v as { value: unknown }).value === 'number' ? (v as { value: number }).value : null;
}

export interface CaptureObjectJson { 'class-id': number; 'logical-name': string; 'attribute-index': number; 'data-index': number }

export function captureObjectJson(v: AxdrValue): CaptureObjectJson | null {
  const f = fields(v, 4);
  if (!f) return null;
  const classId = num(f[0]!, 'long-unsigned');
  const ln = f[1]!;
  const attr = num(f[2]!, 'integer');
  const dataIndex = num(f[3]!, 'long-unsigned');
  if (classId === null || attr === null || dataIndex === null || ln.type !== 'octet-string' || ln.value.length !== 6) return null;
  return { 'class-id': classId, 'logical-name': obisFormat(ln.value), 'attribute-index': attr, 'data-index': dataIndex };
}

export interface RangeDescriptorJson {
  'restricting-object': CaptureObjectJson;
  'from-value': AxdrJson;
  'to-value': AxdrJson;
  'selected-values': CaptureObjectJson[];
}

export interface EntryDescriptorJson { 'from-entry': number; 'to-entry': number; 'from-selected-value': number; 'to-selected-value': number }

/** The range/entry descriptor view of an access selection, or null when the parameters have another shape. */
export function selectiveAccessInterpret(sel: SelectiveAccessDescriptor): { 'range-descriptor': RangeDescriptorJson } | { 'entry-descriptor': EntryDescriptorJson } | null {
  const p = sel.accessParameters;
  if (sel.accessSelector === 1) {
    const f = fields(p, 4);
    if (!f) return null;
    const restricting = captureObjectJson(f[0]!);
    const sv = f[3]!;
    if (!restricting || sv.type !== 'array') return null;
    const selected = sv.value.map(captureObjectJson);
    if (selected.some((x) => x === null)) return null;
    return {
      'range-descriptor': {
        'restricting-object': restricting,
        'from-value': axdrToJson(f[1]!),
        'to-value': axdrToJson(f[2]!),
        'selected-values': selected as CaptureObjectJson[],
      },
    };
  }
  if (sel.accessSelector === 2) {
    const f = fields(p, 4);
    if (!f) return null;
    const fe = num(f[0]!, 'double-long-unsigned');
    const te = num(f[1]!, 'double-long-unsigned');
    const fs = num(f[2]!, 'long-unsigned');
    const ts = num(f[3]!, 'long-unsigned');
    if (fe === null || te === null || fs === null || ts === null) return null;
    return { 'entry-descriptor': { 'from-entry': fe, 'to-entry': te, 'from-selected-value': fs, 'to-selected-value': ts } };
  }
  return null;
}
