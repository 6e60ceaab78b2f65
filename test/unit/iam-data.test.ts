import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as data from '../../server/src/core/iam/data';

test('iam-data: the service list comes from the package data, keys lower case', () => {
  const keys = data.serviceKeys();
  assert.ok(keys.length > 400, `only ${keys.length} services`);
  assert.ok(keys.includes('ecr') && keys.includes('secretsmanager') && keys.includes('sts'));
  assert.ok(keys.every((k) => /^[a-z0-9-]+$/.test(k)));
  assert.equal(data.serviceName('ecr'), 'Amazon Elastic Container Registry');
  assert.equal(data.serviceName('ECR'), 'Amazon Elastic Container Registry');
  assert.equal(data.serviceExists('Ecr'), true);
  assert.equal(data.serviceExists('nosuchsvc'), false);
  assert.match(data.iamDataVersion(), /^0\.\d+\.\d+$/);
});

test('iam-data: service keys from policy text never become file paths', () => {
  data.clearIamDataCache();
  for (const hostile of ['../package', '..', 'ecr/../iam', 'ECR.json', '', 'a b', '/etc/passwd', 'constructor', '__proto__', 'toString']) {
    assert.equal(data.serviceExists(hostile), false, hostile);
    assert.equal(data.actionsOf(hostile), undefined, hostile);
    assert.equal(data.resourceTypes(hostile), undefined, hostile);
    assert.equal(data.conditionKeys(hostile), undefined, hostile);
    assert.equal(data.serviceReferenceUrl(hostile), undefined, hostile);
  }
  assert.deepEqual(data.loadedServices(), []);
});

test('iam-data: actions are keyed by lower-case name and keep their casing', () => {
  const actions = data.actionsOf('ecr');
  assert.ok(actions && actions.size > 40);
  assert.ok([...actions.keys()].every((k) => k === k.toLowerCase()));
  const batch = data.action('ECR', 'batchgetimage');
  assert.equal(batch?.name, 'BatchGetImage');
  assert.equal(batch?.service, 'ecr');
  assert.equal(batch?.accessLevel, 'Read');
  assert.deepEqual(batch?.accessLevels, ['Read']);
  assert.deepEqual(
    batch?.resourceTypes.map((r) => [r.name, r.required]),
    [['repository', true]],
  );
  assert.equal(batch?.isWildcardOnly, false);
  assert.equal(data.action('ecr', 'GetAuthorizationToken')?.isWildcardOnly, true);
  assert.equal(data.action('ecr', 'NoSuchAction'), undefined);
  assert.equal(data.action('nosuchsvc', 'Get'), undefined);
});

test('iam-data: compound access levels are split', () => {
  const put = data.action('iam', 'PutRolePolicy');
  assert.equal(put?.accessLevel, 'Permissions management, Write');
  assert.deepEqual(put?.accessLevels, ['Permissions management', 'Write']);
  assert.deepEqual(data.splitAccessLevel('Tagging, Write'), ['Tagging', 'Write']);
  assert.deepEqual(data.splitAccessLevel(''), []);
});

test('iam-data: resource types carry ARN templates', () => {
  assert.equal(data.resourceType('ecr', 'repository')?.arn, 'arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}');
  assert.match(data.resourceType('logs', 'LOG-STREAM')?.arn ?? '', /:log-group:\$\{LogGroupName\}:log-stream:\$\{LogStreamName\}$/);
  assert.ok(data.resourceTypes('s3')?.has('object'));
});

test('iam-data: condition keys of a service, of an action, and global ones', () => {
  const keys = data.conditionKeys('secretsmanager');
  assert.equal(keys?.get('secretsmanager:secretid')?.type, 'ARN');
  const forAction = data.actionConditionKeys('secretsmanager', 'GetSecretValue');
  assert.ok(forAction.includes('secretsmanager:SecretId'));
  assert.ok(forAction.includes('aws:ResourceTag/${TagKey}'), 'keys of the resource type are included');
  assert.deepEqual(data.actionConditionKeys('ecr', 'NoSuch'), []);
  assert.equal(data.globalConditionKey('aws:SourceArn')?.type, 'ARN');
  assert.equal(data.globalConditionKey('AWS:SOURCEACCOUNT')?.key, 'aws:SourceAccount');
  assert.equal(data.globalConditionKey('aws:PrincipalTag/team')?.key, 'aws:PrincipalTag/tag-key');
  assert.equal(data.globalConditionKey('aws:PrincipalTag/'), undefined);
  assert.equal(data.globalConditionKey('aws:NoSuchKey'), undefined);
  assert.equal(data.globalConditionKey('aws:TagKeys')?.type, 'ArrayOfString');
  assert.ok(data.globalConditionKeys().length >= 50);
  assert.ok(data.globalConditionKeys().every((k) => k.description.length > 10 && k.global));
});

test('iam-data: findConditionKey resolves templates, patterns and non-service prefixes', () => {
  assert.equal(data.findConditionKey('s3:prefix')?.key, 's3:prefix');
  assert.equal(data.findConditionKey('aws:ResourceTag/Team')?.key, 'aws:ResourceTag/tag-key');
  assert.equal(data.findConditionKey('secretsmanager:ResourceTag/Owner')?.key, 'secretsmanager:ResourceTag/tag-key');
  assert.equal(data.findConditionKey('ecr:ResourceTag/env')?.key, 'ecr:ResourceTag/${TagKey}');
  assert.equal(data.findConditionKey('ecr:ResourceTag/'), undefined, 'a placeholder needs at least one character');
  assert.equal(data.findConditionKey('accounts.google.com:aud')?.key, 'accounts.google.com:aud');
  assert.equal(
    data.findConditionKey('codebuild:environment.environmentVariables/FOO.value')?.key,
    'codebuild:environment.environmentVariables/${name}.value',
  );
  assert.equal(data.findConditionKey('s3:nosuchkey'), undefined);
  assert.equal(data.findConditionKey('nosuchsvc:key'), undefined);
  assert.equal(data.findConditionKey('nocolon'), undefined);
});

test('iam-data: matchingActions expands wildcards case-insensitively', () => {
  const get = data.matchingActions('ecr:Get*').map((a) => a.name);
  assert.ok(get.includes('GetAuthorizationToken') && get.includes('GetDownloadUrlForLayer'));
  assert.ok(get.every((n) => n.startsWith('Get')));
  assert.deepEqual(
    data.matchingActions('ECR:get*image*').map((a) => a.name),
    ['GetImageCopyStatus'],
  );
  assert.deepEqual(
    data.matchingActions('secretsmanager:GetSecret?alue').map((a) => a.name),
    ['GetSecretValue'],
  );
  assert.deepEqual(
    data.matchingActions('s3:getobject').map((a) => `${a.service}:${a.name}`),
    ['s3:GetObject'],
  );
  assert.deepEqual(data.matchingActions('ecr:NoSuch*'), []);
  assert.deepEqual(data.matchingActions('nosuchsvc:Get*'), []);
  assert.deepEqual(data.matchingActions('*'), [], 'the bare * is left to the caller');
  assert.deepEqual(data.matchingActions('*:*'), [], 'a service part of only stars is left to the caller');
  const services = new Set(data.matchingActions('ec?:Describe*').map((a) => a.service));
  assert.ok(services.has('ec2') && services.has('ecs'), [...services].join());
  assert.deepEqual(data.splitAction('ecr:Get:x'), { service: 'ecr', name: 'Get:x' });
  assert.equal(data.splitAction('ecr'), undefined);
});

test('iam-data: serviceReferenceUrl builds the Service Authorization Reference link with the action anchor', () => {
  const base = 'https://docs.aws.amazon.com/service-authorization/latest/reference/';
  assert.equal(data.serviceReferenceUrl('ecr'), `${base}list_amazonelasticcontainerregistry.html`);
  assert.equal(data.serviceReferenceUrl('s3', 'getobject'), `${base}list_amazons3.html#amazons3-GetObject`);
  assert.equal(
    data.serviceReferenceUrl('secretsmanager', 'GetSecretValue'),
    `${base}list_awssecretsmanager.html#awssecretsmanager-GetSecretValue`,
  );
  assert.equal(data.serviceReferenceUrl('nosuchsvc', 'X'), undefined);
});

test('iam-data: only the services asked for are read', () => {
  data.clearIamDataCache();
  assert.deepEqual(data.loadedServices(), []);
  data.serviceKeys();
  assert.deepEqual(data.loadedServices(), [], 'the service list alone reads no service file');
  data.action('ecr', 'BatchGetImage');
  data.resourceType('logs', 'log-group');
  data.action('ecr', 'GetAuthorizationToken');
  assert.deepEqual(data.loadedServices(), ['ecr', 'logs']);
  data.matchingActions('*');
  data.globalConditionKey('aws:SourceArn');
  assert.deepEqual(data.loadedServices(), ['ecr', 'logs']);
});

test('iam-data: analysing a policy reads the files of its services only', async () => {
  const { analyze } = await import('../../server/src/core/engine');
  const { documentOf } = await import('../helpers/documents');
  data.clearIamDataCache();
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'], Resource: '*' },
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' },
    ],
  };
  const { findings } = analyze(documentOf(JSON.stringify(policy)).model);
  assert.deepEqual(findings, []);
  assert.deepEqual(data.loadedServices(), ['ecr', 'logs'], `of ${data.serviceKeys().length} services`);
});
