import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentOf } from '../../../helpers/documents';
import {
  MANAGED_POLICY_LIMIT,
  ROLE_INLINE_LIMIT,
  TRUST_POLICY_LIMIT,
  iamPolicySize,
  policySize,
} from '../../../../server/src/core/rules/iam/iam-policy-size';
import { ruleTester } from '../../../helpers/ruleTester';

// A policy whose text without whitespace is exactly `size` characters: the Sid is padded to fit.
const SKELETON = { Version: '2012-10-17', Statement: [{ Sid: '', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
function policyOfSize(size: number, skeleton: { Statement: { Sid: string }[] } = SKELETON) {
  const base = JSON.stringify(skeleton).length;
  const copy = structuredClone(skeleton);
  copy.Statement[0].Sid = 'A'.repeat(size - base);
  return copy;
}
const TRUST_SKELETON = {
  Version: '2012-10-17',
  Statement: [{ Sid: '', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const role = (sizes: number[]) => ({
  RoleName: 'web',
  AssumeRolePolicyDocument: policyOfSize(200, TRUST_SKELETON),
  Policies: sizes.map((s, i) => ({ PolicyName: `p${i}`, PolicyDocument: policyOfSize(s) })),
});

ruleTester(iamPolicySize, {
  valid: [
    { name: `a policy file of exactly ${MANAGED_POLICY_LIMIT} characters`, json: policyOfSize(MANAGED_POLICY_LIMIT) },
    {
      name: `AWS::IAM::ManagedPolicy properties of exactly ${MANAGED_POLICY_LIMIT}`,
      json: { ManagedPolicyName: 'm', PolicyDocument: policyOfSize(MANAGED_POLICY_LIMIT) },
    },
    { name: `a trust policy of exactly ${TRUST_POLICY_LIMIT}`, json: policyOfSize(TRUST_POLICY_LIMIT, TRUST_SKELETON) },
    { name: `a role whose inline policies total exactly ${ROLE_INLINE_LIMIT}`, json: role([6000, ROLE_INLINE_LIMIT - 6000]) },
    {
      name: 'get-policy-version output came out of IAM (and may be AWS managed)',
      json: { PolicyVersion: { Document: policyOfSize(9000), VersionId: 'v1' } },
    },
    {
      name: 'get-role output came out of IAM',
      json: { Role: { RoleName: 'r', AssumeRolePolicyDocument: policyOfSize(3000, TRUST_SKELETON) } },
    },
    {
      name: 'account authorization details came out of IAM',
      json: {
        RoleDetailList: [
          {
            RoleName: 'r',
            AssumeRolePolicyDocument: policyOfSize(3000, TRUST_SKELETON),
            RolePolicyList: [{ PolicyName: 'p', PolicyDocument: policyOfSize(11000) }],
          },
        ],
        Policies: [
          {
            PolicyName: 'ReadOnlyAccess',
            Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
            PolicyVersionList: [{ Document: policyOfSize(20000), IsDefaultVersion: true }],
          },
        ],
      },
    },
    {
      name: 'an inline policy with its name, under the role total',
      json: { PolicyName: 'p', PolicyDocument: policyOfSize(ROLE_INLINE_LIMIT) },
    },
  ],
  invalid: [
    {
      name: `a policy file of ${MANAGED_POLICY_LIMIT + 1} characters: a warning (it may be a role's inline policy, or AWS managed)`,
      json: policyOfSize(MANAGED_POLICY_LIMIT + 1),
      findings: [
        {
          path: [],
          target: 'key',
          severity: 'warning',
          message:
            "This policy has 6,145 characters without whitespace: over the 6,144 of a customer managed policy (and the 2,048 and 5,120 of a user's and a group's inline policies). It fits only as an inline policy of a role (10,240 for all of them together), or as an AWS managed policy.",
        },
      ],
    },
    {
      name: `a policy file of ${ROLE_INLINE_LIMIT + 1} characters: still a warning (only AWS managed policies are this large)`,
      json: policyOfSize(ROLE_INLINE_LIMIT + 1),
      findings: [
        {
          path: [],
          target: 'key',
          severity: 'warning',
          message: 'This policy has 10,241 characters without whitespace: over every quota of a policy you create',
        },
      ],
    },
    {
      name: `AWS::IAM::ManagedPolicy properties of ${MANAGED_POLICY_LIMIT + 1}: an error (it must be customer managed)`,
      json: { ManagedPolicyName: 'm', Roles: ['r'], PolicyDocument: policyOfSize(MANAGED_POLICY_LIMIT + 1) },
      findings: [
        {
          path: ['PolicyDocument'],
          target: 'key',
          severity: 'error',
          message: 'This managed policy has 6,145 characters without whitespace; a customer managed policy may have at most 6,144',
        },
      ],
    },
    {
      name: 'a customer managed policy in account authorization details over 6,144: an error',
      json: {
        RoleDetailList: [],
        Policies: [
          {
            PolicyName: 'Big',
            Arn: 'arn:aws:iam::111122223333:policy/Big',
            PolicyVersionList: [
              { Document: policyOfSize(200), IsDefaultVersion: false },
              { Document: policyOfSize(7000), IsDefaultVersion: true },
            ],
          },
        ],
      },
      findings: [
        {
          path: ['Policies', 0, 'PolicyVersionList', 1, 'Document'],
          target: 'key',
          severity: 'error',
          message: 'This managed policy has 7,000 characters',
        },
      ],
    },
    {
      name: `a trust policy of ${TRUST_POLICY_LIMIT + 1}: a warning (the quota can be raised)`,
      json: policyOfSize(TRUST_POLICY_LIMIT + 1, TRUST_SKELETON),
      findings: [
        { path: [], target: 'key', severity: 'warning', message: '2,049 characters without whitespace, over the default quota of 2,048' },
      ],
    },
    {
      name: `a role whose inline policies total ${ROLE_INLINE_LIMIT + 1}`,
      json: role([6000, ROLE_INLINE_LIMIT - 5999]),
      findings: [{ path: ['Policies'], target: 'key', message: 'have 10,241 characters without whitespace together; IAM allows 10,240' }],
    },
    {
      name: 'the trust policy of a role is measured too',
      json: { RoleName: 'r', AssumeRolePolicyDocument: policyOfSize(2100, TRUST_SKELETON) },
      findings: [{ path: ['AssumeRolePolicyDocument'], severity: 'warning', message: '2,100 characters', target: 'key' }],
    },
    {
      name: 'an inline policy with its name over the role total',
      json: { PolicyName: 'p', PolicyDocument: policyOfSize(ROLE_INLINE_LIMIT + 1) },
      findings: [{ path: ['PolicyDocument'], message: 'This inline policy has 10,241 characters', target: 'key' }],
    },
  ],
});

test('iam-policy-size: the model value is measured, so whitespace, comments and indentation style do not count', () => {
  const value = (text: string) => documentOf(text).model.value;
  assert.equal(policySize(value('{"Version":"2012-10-17","Statement":[]}')), 39);
  assert.equal(policySize(value('{\n\t"Version" : "2012-10-17", // the version\n\t"Statement": [ ]\n}\n')), 39);
  assert.equal(policySize(value('{"Sid":"a b"}')), 12, 'whitespace inside strings is not counted either');
});
