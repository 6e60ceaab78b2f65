import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDateText, isNumericText, parseIpRange } from '../../../../server/src/core/iam/formats';
import { iamConditionValue } from '../../../../server/src/core/rules/iam/iam-condition-value';
import { ruleTester } from '../../../helpers/ruleTester';

const policy = (condition: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: condition }],
});
const at = (operator: string, key: string, ...rest: number[]) => ['Statement', 0, 'Condition', operator, key, ...rest];

ruleTester(iamConditionValue, {
  valid: [
    {
      name: 'booleans as JSON or text, any case',
      json: policy({ Bool: { 'aws:SecureTransport': false }, Null: { 'aws:TokenIssueTime': ['true', 'False'] } }),
    },
    {
      name: 'numbers',
      json: policy({
        NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
        NumericGreaterThanEquals: { 's3:max-keys': ['10', '-1.5', '.5'] },
      }),
    },
    {
      name: 'dates: day, date-time, offset, fraction, epoch',
      json: policy({
        DateGreaterThan: {
          'aws:CurrentTime': [
            '2026-12-31',
            '2026-12-31T23:59:59Z',
            '2026-01-01T00:00:00+02:00',
            '2026-01-01T00:00:00.123Z',
            '1767225600',
            1767225600,
          ],
        },
      }),
    },
    {
      name: 'IPv4 and IPv6 ranges, public',
      json: policy({
        NotIpAddress: {
          'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32', '::1', '2001:db8:0:0:0:0:0:1/128', '::ffff:192.0.2.1'],
        },
      }),
    },
    { name: 'base64', json: policy({ BinaryEquals: { 'aws:x': ['QmluYXJ5VmFsdWU=', ''] } }) },
    {
      name: 'variables are decided later',
      json: policy({ DateLessThan: { 'aws:CurrentTime': '${aws:TokenIssueTime}' }, NumericLessThan: { 's3:max-keys': '{{max}}' } }),
    },
    {
      name: 'String and Arn operators take any text',
      json: policy({ StringEquals: { 'aws:x': 'anything' }, ArnLike: { 'aws:SourceArn': 'not an arn' } }),
    },
    { name: 'private ranges on aws:VpcSourceIp are the point of it', json: policy({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' } }) },
    { name: 'unknown operators are another rule', json: policy({ BoolX: { 'aws:SecureTransport': 'yes' } }) },
  ],
  invalid: [
    {
      name: 'Bool with "yes"',
      json: policy({ Bool: { 'aws:SecureTransport': 'yes' } }),
      findings: [{ path: at('Bool', 'aws:SecureTransport'), severity: 'warning', message: 'compares with true or false, not "yes"' }],
    },
    {
      name: 'Null with a non-boolean value, in a list',
      json: policy({ Null: { 'aws:TokenIssueTime': ['true', 'absent'] } }),
      findings: [{ path: at('Null', 'aws:TokenIssueTime', 1), message: 'true (the key is absent) or false (the key is present)' }],
    },
    {
      name: 'NumericLessThan with "1h"',
      json: policy({ NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': '1h' } }),
      findings: [{ path: at('NumericLessThanIfExists', 'aws:MultiFactorAuthAge'), message: 'needs a number, not "1h"' }],
    },
    {
      name: 'dates in other formats, and impossible ones',
      json: policy({ DateLessThan: { 'aws:CurrentTime': ['31/12/2026', '2026-13-01', '2026-01-01T25:00:00Z'] } }),
      findings: [
        { path: at('DateLessThan', 'aws:CurrentTime', 0) },
        { path: at('DateLessThan', 'aws:CurrentTime', 1) },
        { path: at('DateLessThan', 'aws:CurrentTime', 2), message: 'ISO 8601' },
      ],
    },
    {
      name: 'BinaryEquals with text that is not base64',
      json: policy({ BinaryEquals: { 'aws:x': 'not base64!' } }),
      findings: [{ path: at('BinaryEquals', 'aws:x'), message: 'base64' }],
    },
    {
      name: 'IP ranges: bad octet, prefix over 32, prefix over 128, a name',
      json: policy({ IpAddress: { 'aws:SourceIp': ['203.0.113.256', '203.0.113.0/33', '2001:db8::/129', 'example.com'] } }),
      findings: [0, 1, 2, 3].map((i) => ({ path: at('IpAddress', 'aws:SourceIp', i), message: 'CIDR range' })),
    },
    {
      name: 'host bits past the mask: information, with a safe fix',
      json: policy({ IpAddress: { 'aws:SourceIp': '203.0.113.7/24' } }),
      findings: [
        {
          path: at('IpAddress', 'aws:SourceIp'),
          severity: 'information',
          message: 'this is the range 203.0.113.0/24',
          fix: { title: 'Change to "203.0.113.0/24"', output: policy({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), safe: true },
        },
      ],
    },
    {
      name: 'private ranges in aws:SourceIp never match',
      json: policy({ IpAddress: { 'aws:SourceIp': ['10.1.0.0/16', '192.168.1.1'] } }),
      findings: [
        { path: at('IpAddress', 'aws:SourceIp', 0), message: 'never matches. For requests through a VPC endpoint, use aws:VpcSourceIp' },
        { path: at('IpAddress', 'aws:SourceIp', 1) },
      ],
    },
    {
      name: 'a private range next to public ones, under NotIpAddress',
      json: policy({ NotIpAddress: { 'aws:sourceip': ['203.0.113.0/24', '172.16.0.0/12'] } }),
      findings: [{ path: at('NotIpAddress', 'aws:sourceip', 1), message: 'has no effect (the public ranges next to it still apply)' }],
    },
  ],
});

test('iam-condition-value: format boundaries', () => {
  assert.equal(isNumericText('1e3'), false);
  assert.equal(isNumericText('+7'), true);
  assert.equal(isDateText('2026-02-31'), true, 'day ranges are not checked per month');
  assert.equal(isDateText('2026-00-10'), false);
  assert.deepEqual(parseIpRange('0.0.0.0/0'), { version: 4, prefix: 0, normalised: undefined });
  assert.deepEqual(parseIpRange('10.0.0.0/0'), { version: 4, prefix: 0, normalised: '0.0.0.0/0' });
  assert.deepEqual(parseIpRange('10.0.0.1/32'), { version: 4, prefix: 32, normalised: undefined });
  assert.deepEqual(parseIpRange('10.0.0.1/31'), { version: 4, prefix: 31, normalised: '10.0.0.0/31' });
  assert.equal(parseIpRange('1:2:3:4:5:6:7:8:9'), undefined);
  assert.equal(parseIpRange('1::2::3'), undefined);
});
