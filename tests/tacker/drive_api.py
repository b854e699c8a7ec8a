#!/usr/bin/python3
"""Drives the Vines Console's northbound API with OpenStack Tacker's own client library
(Debian python3-tackerclient), a client nobody here wrote, as an OSS script would: onboards VNF
packages (SOL005), creates, instantiates, scales, heals, operates, terminates and deletes a VNF
(SOL003), follows operation occurrences, rolls back, retries and fails a failed one, subscribes
to lifecycle notifications; then drives the NFVO (SOL005 NSD and NS lifecycle) and puts 100
concurrent clients on it. Every check prints a line; the last line is 'N passed, M failed'.

usage: drive_api.py URL RW_TOKEN RO_TOKEN PACKAGE_DIR BROKEN_CSAR NSD_YAML
exit 0 only when all pass; 77 when python3-tackerclient is missing.
"""
import http.server
import json
import os
import sys
import threading
import time
import traceback

import yaml

try:
    from tackerclient.v1_0 import client
    from tackerclient.common import exceptions as texc
    import requests
except ImportError:
    print('SKIP: python3-tackerclient is not installed')
    sys.exit(77)

url, rw, ro, pkgdir, broken_csar, nsd_yaml = sys.argv[1:7]
c = client.Client(endpoint_url=url, token=rw, auth_strategy='noauth')
cro = client.Client(endpoint_url=url, token=ro, auth_strategy='noauth')
passed, failed = 0, 0
st = {}


def step(name, fn):
    global passed, failed
    try:
        fn()
        passed += 1
        print('PASS', name)
    except Exception as e:  # noqa: BLE001 - every failure is reported, the run goes on
        failed += 1
        print('FAIL', name, '-', repr(e))
        traceback.print_exc(limit=3)
    sys.stdout.flush()


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def status_of(fn):
    try:
        fn()
    except texc.TackerClientException as e:
        return e.status_code, str(e)
    return 200, ''


def ops_of(vnf):
    return c.list_vnf_lcm_op_occs(filter='(eq,vnfInstanceId,%s)' % vnf)


def wait_op(vnf, operation, seen, final=('COMPLETED', 'FAILED', 'ROLLED_BACK', 'FAILED_TEMP'), timeout=120):
    """The occurrence of operation on vnf that is not among the ids seen, once it reaches a final state
    (or FAILED_TEMP); seen may also be an occurrence id to wait for."""
    end = time.time() + timeout
    while time.time() < end:
        if isinstance(seen, str):
            fresh = [seen]
        else:
            fresh = [o['id'] for o in ops_of(vnf) if o['operation'] == operation and o['id'] not in seen]
        if fresh:
            occ = c.show_vnf_lcm_op_occs(fresh[0])
            if occ['operationState'] in final:
                return occ
        time.sleep(0.3)
    raise AssertionError('%s on %s did not end within %d s' % (operation, vnf, timeout))


def occurrences(vnf, operation):
    return {o['id'] for o in ops_of(vnf) if o['operation'] == operation}


def count(vnf, operation):
    return len(occurrences(vnf, operation))


def run_op(vnf, operation, call):
    before = occurrences(vnf, operation)
    call()
    return wait_op(vnf, operation, before)


def onboard(path):
    pkg = c.create_vnf_package({'userDefinedData': {'file': os.path.basename(path)}})
    check(pkg['onboardingState'] == 'CREATED', 'a new package resource is CREATED')
    with open(path, 'rb') as f:
        c.upload_vnf_package(pkg['id'], file_data=f.read())
    end = time.time() + 60
    while time.time() < end:
        info = c.show_vnf_package(pkg['id'])
        if info['onboardingState'] == 'ONBOARDED':
            return info
        check('onboardingFailureDetails' not in info, 'onboarding refused: %s' % info.get('onboardingFailureDetails'))
        time.sleep(0.3)
    raise AssertionError('%s not onboarded within 60 s' % path)


# ---- a subscriber: answers the endpoint test and records notifications ----
notifications = []


class Subscriber(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(204)
        self.end_headers()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        notifications.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


sub_server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Subscriber)
threading.Thread(target=sub_server.serve_forever, daemon=True).start()
callback = 'http://127.0.0.1:%d/notify' % sub_server.server_address[1]


def t_onboard():
    for name in ('echo', 'forwarder', 'monitor', 'router', 'firewall'):
        info = onboard(os.path.join(pkgdir, 'vines-%s.csar' % name))
        st[name] = info
        check(info['operationalState'] == 'ENABLED', 'an onboarded package is ENABLED')
        check(info['checksum']['algorithm'] == 'SHA-256' and len(info['checksum']['hash']) == 64, 'checksum given')
    st['broken'] = onboard(broken_csar)
    listed = c.list_vnf_packages()['vnf_packages']
    check(len([p for p in listed if p['onboardingState'] == 'ONBOARDED']) == 6, 'six packages ONBOARDED')


def t_vnfd():
    z = c.download_vnfd_from_vnf_package(st['forwarder']['id'], 'application/zip')
    check(z[:2] == b'PK', 'the VNFD comes as a zip')
    content = c.download_vnf_package(st['echo']['id'])
    check(content[:2] == b'PK', 'the package content comes back')


def t_refusals():
    code, _ = status_of(lambda: cro.create_vnf_instance({'vnfdId': st['echo']['vnfdId']}))
    check(code == 403, 'a read-only token may not create (got %s)' % code)
    check(len(cro.list_vnf_instances()) >= 0, 'a read-only token may read')
    code, msg = status_of(lambda: c.show_vnf_instance('no-such-vnf'))
    check(code == 404 and 'no-such-vnf' in msg, 'unknown instance is 404 naming it (%s %s)' % (code, msg))
    code, msg = status_of(lambda: c.create_vnf_instance({'vnfdId': 'not-a-vnfd'}))
    check(code == 422 and 'vnfdId' in msg, 'unknown vnfdId refused naming the field (%s %s)' % (code, msg))
    code, msg = status_of(lambda: c.create_vnf_instance({'vnfdId': st['echo']['vnfdId'], 'vnfInstanceName': 'x', 'colour': 'red'}))
    check(code == 400 and 'colour' in msg, 'an unknown field is refused naming it (%s %s)' % (code, msg))
    bad = client.Client(endpoint_url=url, token='vns_wrong', auth_strategy='noauth')
    try:
        bad.list_vnf_instances()
        raise AssertionError('a wrong token was accepted')
    except texc.Unauthorized:
        pass


def t_subscribe():
    s = c.create_lccn_subscription({'callbackUri': callback, 'filter': {
        'notificationTypes': ['VnfLcmOperationOccurrenceNotification', 'VnfIdentifierCreationNotification']}})
    st['sub'] = s['id']
    check(s['callbackUri'] == callback, 'subscription echoes its callbackUri')
    check(any(x['id'] == s['id'] for x in c.list_lccn_subscriptions()), 'subscription listed')
    code, msg = status_of(lambda: c.create_lccn_subscription({'callbackUri': 'http://127.0.0.1:1/nobody'}))
    check(code == 400 and 'callbackUri' in msg, 'an unreachable callback is refused (%s %s)' % (code, msg))


def t_lifecycle():
    v = c.create_vnf_instance({'vnfdId': st['forwarder']['vnfdId'], 'vnfInstanceName': 'api-fwd'})
    st['fwd'] = v['id']
    check(v['instantiationState'] == 'NOT_INSTANTIATED', 'created NOT_INSTANTIATED')
    code, msg = status_of(lambda: c.instantiate_vnf_instance(v['id'], {'instantiationLevelId': 'x'}))
    check(code == 400 and 'flavourId' in msg, 'instantiate without flavourId is 400 naming it (%s)' % msg)
    code, msg = status_of(lambda: c.instantiate_vnf_instance(v['id'], {'flavourId': 'galactic'}))
    check(code == 422 and 'galactic' in msg, 'an unknown flavour is 422 naming it (%s)' % msg)
    occ = run_op(v['id'], 'INSTANTIATE', lambda: c.instantiate_vnf_instance(v['id'], {'flavourId': 'scalable'}))
    check(occ['operationState'] == 'COMPLETED', 'instantiate COMPLETED: %s' % occ.get('error'))
    check(occ['operationParams'].get('requestedBy') == 'api:ci', 'the occurrence records who asked')
    inst = c.show_vnf_instance(v['id'])
    check(inst['instantiationState'] == 'INSTANTIATED' and inst['instantiatedVnfInfo']['flavourId'] == 'scalable', 'instantiated scalable')
    level = {s['aspectId']: s['scaleLevel'] for s in inst['instantiatedVnfInfo']['scaleStatus']}['relays']
    vnfcs = len(inst['instantiatedVnfInfo']['vnfcResourceInfo'])
    code, _ = status_of(lambda: c.instantiate_vnf_instance(v['id'], {'flavourId': 'scalable'}))
    check(code == 409, 'instantiating an instantiated VNF is 409')
    occ = run_op(v['id'], 'SCALE', lambda: c.scale_vnf_instance(v['id'], {'type': 'SCALE_OUT', 'aspectId': 'relays', 'numberOfSteps': 1}))
    check(occ['operationState'] == 'COMPLETED', 'scale out COMPLETED: %s' % occ.get('error'))
    inst = c.show_vnf_instance(v['id'])
    check({s['aspectId']: s['scaleLevel'] for s in inst['instantiatedVnfInfo']['scaleStatus']}['relays'] == level + 1, 'scale level +1')
    check(len(inst['instantiatedVnfInfo']['vnfcResourceInfo']) == vnfcs + 1, 'one more VNFC')
    occ = run_op(v['id'], 'SCALE', lambda: c.scale_vnf_instance(v['id'], {'type': 'SCALE_IN', 'aspectId': 'relays'}))
    check(occ['operationState'] == 'COMPLETED', 'scale in COMPLETED')
    check(len(c.show_vnf_instance(v['id'])['instantiatedVnfInfo']['vnfcResourceInfo']) == vnfcs, 'VNFC count back')
    occ = run_op(v['id'], 'HEAL', lambda: c.heal_vnf_instance(v['id'], {'cause': 'tackerclient test'}))
    check(occ['operationState'] == 'COMPLETED', 'heal COMPLETED: %s' % occ.get('error'))
    occ = run_op(v['id'], 'OPERATE', lambda: c.vnf_lcm_client.post('/vnflcm/v1/vnf_instances/%s/operate' % v['id'],
                                                                     body={'changeStateTo': 'STOPPED'}))
    check(occ['operationState'] == 'COMPLETED', 'operate STOPPED COMPLETED')
    check(c.show_vnf_instance(v['id'])['instantiatedVnfInfo']['vnfState'] == 'STOPPED', 'vnfState STOPPED')
    occ = run_op(v['id'], 'OPERATE', lambda: c.vnf_lcm_client.post('/vnflcm/v1/vnf_instances/%s/operate' % v['id'],
                                                                     body={'changeStateTo': 'STARTED'}))
    check(c.show_vnf_instance(v['id'])['instantiatedVnfInfo']['vnfState'] == 'STARTED', 'vnfState STARTED')
    code, _ = status_of(lambda: c.delete_vnf_instance(v['id']))
    check(code == 409, 'deleting an instantiated VNF is 409')
    occ = run_op(v['id'], 'TERMINATE', lambda: c.terminate_vnf_instance(v['id'], {'terminationType': 'GRACEFUL'}))
    check(occ['operationState'] == 'COMPLETED', 'terminate COMPLETED')
    check(c.show_vnf_instance(v['id'])['instantiationState'] == 'NOT_INSTANTIATED', 'NOT_INSTANTIATED again')
    c.delete_vnf_instance(v['id'])
    code, _ = status_of(lambda: c.show_vnf_instance(v['id']))
    check(code == 404, 'deleted instance is gone')
    ours = [o for o in c.list_vnf_lcm_op_occs() if o['vnfInstanceId'] == v['id']]
    check(len(ours) == 7, 'seven occurrences for the VNF (got %d)' % len(ours))


def t_notifications():
    end = time.time() + 15
    fwd = st['fwd']
    while time.time() < end:
        mine = [n for n in notifications if n.get('vnfInstanceId') == fwd]
        results = [n for n in mine if n.get('notificationStatus') == 'RESULT']
        if len(results) >= 7:
            break
        time.sleep(0.3)
    mine = [n for n in notifications if n.get('vnfInstanceId') == fwd]
    types = {n['notificationType'] for n in mine}
    check('VnfIdentifierCreationNotification' in types, 'creation notified')
    check('VnfIdentifierDeletionNotification' not in types, 'the filter held back deletions')
    starts = [n for n in mine if n.get('notificationStatus') == 'START']
    results = [n for n in mine if n.get('notificationStatus') == 'RESULT']
    check(len(starts) == 7 and len(results) == 7, 'a START and a RESULT per operation (%d, %d)' % (len(starts), len(results)))
    check(all(n['subscriptionId'] == st['sub'] for n in mine), 'notifications name the subscription')
    check([n['operation'] for n in results][:2] == ['INSTANTIATE', 'SCALE'], 'in order')
    c.delete_lccn_subscription(st['sub'])
    code, _ = status_of(lambda: c.show_lccn_subscription(st['sub']))
    check(code == 404, 'subscription deleted')


def t_failed_temp():
    v = c.create_vnf_instance({'vnfdId': st['broken']['vnfdId'], 'vnfInstanceName': 'api-doomed'})
    occ = run_op(v['id'], 'INSTANTIATE', lambda: c.instantiate_vnf_instance(v['id'], {'flavourId': 'simple'}))
    check(occ['operationState'] == 'FAILED_TEMP', 'a failed step halts in FAILED_TEMP (%s)' % occ['operationState'])
    check('install.sh exited with code 7' in occ['error']['detail'], 'the error says what failed: %s' % occ['error'])
    code, _ = status_of(lambda: c.terminate_vnf_instance(v['id'], {'terminationType': 'FORCEFUL'}))
    check(code == 409, 'a VNF with a FAILED_TEMP occurrence takes no other operation')
    c.retry_vnf_instance(occ['id'])
    occ2 = wait_op(v['id'], 'INSTANTIATE', occ['id'])
    check(occ2['id'] == occ['id'] and occ2['operationState'] == 'FAILED_TEMP', 'retry runs the step again and halts again')
    c.rollback_vnf_instance(occ['id'])
    end = time.time() + 60
    while c.show_vnf_lcm_op_occs(occ['id'])['operationState'] != 'ROLLED_BACK' and time.time() < end:
        time.sleep(0.3)
    check(c.show_vnf_lcm_op_occs(occ['id'])['operationState'] == 'ROLLED_BACK', 'rollback ends ROLLED_BACK')
    check(c.show_vnf_instance(v['id'])['instantiationState'] == 'NOT_INSTANTIATED', 'rolled back to NOT_INSTANTIATED')
    code, msg = status_of(lambda: c.rollback_vnf_instance(occ['id']))
    check(code == 409 and 'FAILED_TEMP' in msg, 'a finished occurrence cannot be rolled back (%s)' % msg)
    occ3 = run_op(v['id'], 'INSTANTIATE', lambda: c.instantiate_vnf_instance(v['id'], {'flavourId': 'simple'}))
    check(occ3['operationState'] == 'FAILED_TEMP', 'fails again')
    failed_occ = c.fail_vnf_instance(occ3['id'])
    check(failed_occ['operationState'] == 'FAILED', 'fail answers with the occurrence FAILED')
    inst = c.show_vnf_instance(v['id'])
    if inst['instantiationState'] == 'INSTANTIATED':   # FAILED leaves what was made: terminate cleans up
        occ = run_op(v['id'], 'TERMINATE', lambda: c.terminate_vnf_instance(v['id'], {'terminationType': 'FORCEFUL'}))
        check(occ['operationState'] == 'COMPLETED', 'the FAILED VNF terminates')
    c.delete_vnf_instance(v['id'])


def t_ns():
    h = {'X-Auth-Token': rw, 'Accept': 'application/json'}
    r = requests.post(url + '/nsd/v1/ns_descriptors', json={}, headers=h)
    check(r.status_code == 201 and r.headers['Location'].endswith(r.json()['id']), 'NSD resource created with Location')
    nsd = r.json()['id']
    r = requests.put(url + '/nsd/v1/ns_descriptors/%s/nsd_content' % nsd, data=b'tosca_definitions_version: [', headers=h)
    check(r.status_code == 422 and 'nsd_content:1:' in r.json()['detail'], 'a broken NSD is refused naming the line: %s' % r.text)
    with open(nsd_yaml, 'rb') as f:
        r = requests.put(url + '/nsd/v1/ns_descriptors/%s/nsd_content' % nsd, data=f.read(), headers=dict(h, **{'Content-Type': 'text/plain'}))
    check(r.status_code == 204, 'NSD content accepted: %s' % r.text)
    info = requests.get(url + '/nsd/v1/ns_descriptors/' + nsd, headers=h).json()
    check(info['nsdOnboardingState'] == 'ONBOARDED', 'NSD ONBOARDED')
    r = requests.post(url + '/nslcm/v1/ns_instances', json={'nsdId': info['nsdId'], 'nsName': 'api-chain'}, headers=h)
    check(r.status_code == 201, 'NS created: %s' % r.text)
    ns = r.json()['id']
    r = requests.post(url + '/nslcm/v1/ns_instances/%s/instantiate' % ns, json={'nsFlavourId': 'default'}, headers=h)
    check(r.status_code == 202, 'NS instantiate accepted: %s' % r.text)
    occ_url = r.headers['Location']
    end = time.time() + 180
    while time.time() < end:
        occ = requests.get(occ_url, headers=h).json()
        if occ['operationState'] in ('COMPLETED', 'FAILED', 'ROLLED_BACK'):
            break
        time.sleep(0.5)
    check(occ['operationState'] == 'COMPLETED', 'NS instantiated: %s' % occ.get('error'))
    got = requests.get(url + '/nslcm/v1/ns_instances/' + ns, headers=h).json()
    check(got['nsState'] == 'INSTANTIATED' and len(got['vnfInstance']) == 3, 'NS runs three VNFs')
    ns_alarms = requests.get(url + '/nsfm/v1/alarms?filter=(eq,managedObjectId,%s)' % ns, headers=h)
    check(ns_alarms.status_code == 200 and not [a for a in ns_alarms.json() if a['perceivedSeverity'] != 'CLEARED'],
          'a healthy NS has no active service alarm: %s' % ns_alarms.text)
    r = requests.delete(url + '/nsd/v1/ns_descriptors/' + nsd, headers=h)
    check(r.status_code == 409, 'an NSD in use is not deleted')
    r = requests.post(url + '/nslcm/v1/ns_instances/%s/terminate' % ns, json={}, headers=h)
    check(r.status_code == 202, 'NS terminate accepted')
    occ_url = r.headers['Location']
    end = time.time() + 120
    while time.time() < end:
        occ = requests.get(occ_url, headers=h).json()
        if occ['operationState'] in ('COMPLETED', 'FAILED', 'ROLLED_BACK'):
            break
        time.sleep(0.5)
    check(occ['operationState'] == 'COMPLETED', 'NS terminated')
    check(requests.delete(url + '/nslcm/v1/ns_instances/' + ns, headers=h).status_code == 204, 'NS deleted')
    check(requests.delete(url + '/nsd/v1/ns_descriptors/' + nsd, headers=h).status_code == 204, 'NSD deleted')


def t_legacy():
    """Tacker's legacy VNFFGD/VNFFG resources, through tackerclient's own calls."""
    with open(os.path.join(os.path.dirname(nsd_yaml), 'tacker-vnffgd.yaml')) as f:
        template = yaml.safe_load(f)
    d = c.create_vnffgd({'vnffgd': {'name': 'fw-echo', 'template': {'vnffgd': template}}})['vnffgd']
    check(any(x['id'] == d['id'] for x in c.list_vnffgds()['vnffgds']), 'VNFFGD listed')
    check(c.show_vnffgd(d['id'])['vnffgd']['name'] == 'tacker-fw-echo', 'VNFFGD shown')
    code, msg = status_of(lambda: c.create_vnffg({'vnffg': {'name': 'mapped', 'vnffgd_id': d['id'], 'vnf_mapping': {'Firewall': 'x'}}}))
    check(code == 400 and 'vnf_mapping' in msg, 'vnf_mapping is refused, named (%s)' % msg)
    g = c.create_vnffg({'vnffg': {'name': 'legacy-chain', 'vnffgd_id': d['id'], 'symmetrical': False}})['vnffg']
    check(g['status'] == 'PENDING_CREATE', 'VNFFG PENDING_CREATE')
    end = time.time() + 180
    while time.time() < end and c.show_vnffg(g['id'])['vnffg']['status'] == 'PENDING_CREATE':
        time.sleep(0.5)
    shown = c.show_vnffg(g['id'])['vnffg']
    check(shown['status'] == 'ACTIVE' and len(shown['vnf_instance_ids']) == 2, 'VNFFG ACTIVE with two VNFs: %s' % shown)
    check(any(x['id'] == g['id'] for x in c.list_vnffgs()['vnffgs']), 'VNFFG listed')
    code, _ = status_of(lambda: c.delete_vnffgd(d['id']))
    check(code == 409, 'a VNFFGD in use is kept')
    c.delete_vnffg(g['id'])
    end = time.time() + 120
    while time.time() < end and status_of(lambda: c.show_vnffg(g['id']))[0] != 404:
        time.sleep(0.5)
    check(status_of(lambda: c.show_vnffg(g['id']))[0] == 404, 'VNFFG deleted')
    c.delete_vnffgd(d['id'])
    check(status_of(lambda: c.show_vnffgd(d['id']))[0] == 404, 'VNFFGD deleted')


def t_load():
    """100 concurrent clients: nothing lost, nothing done twice."""
    h = {'X-Auth-Token': rw}
    vnfd = st['echo']['vnfdId']
    before = len(c.list_vnf_instances())
    results = [None] * 100

    def create(i):
        r = requests.post(url + '/vnflcm/v1/vnf_instances', json={'vnfdId': vnfd, 'vnfInstanceName': 'load-%03d' % i}, headers=h, timeout=60)
        results[i] = (r.status_code, r.json().get('id') if r.status_code == 201 else None)

    threads = [threading.Thread(target=create, args=(i,)) for i in range(100)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = [x[1] for x in results if x and x[0] == 201]
    check(len(ids) == 100 and len(set(ids)) == 100, '100 creates, 100 distinct instances (%s)' % [x for x in results if not x or x[0] != 201][:3])
    check(len(c.list_vnf_instances()) == before + 100, 'exactly 100 more instances listed')

    same = [None] * 100

    def dup(i):
        r = requests.post(url + '/vnflcm/v1/vnf_instances', json={'vnfdId': vnfd, 'vnfInstanceName': 'only-one'}, headers=h, timeout=60)
        same[i] = r.status_code

    threads = [threading.Thread(target=dup, args=(i,)) for i in range(100)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(same.count(201) == 1 and same.count(409) == 99, 'one name taken once, 99 refused 409 (%s)' % sorted(set(same)))

    target = ids[0]
    codes = [None] * 100

    def inst(i):
        r = requests.post(url + '/vnflcm/v1/vnf_instances/%s/instantiate' % target, json={'flavourId': 'simple'}, headers=h, timeout=60)
        codes[i] = r.status_code

    threads = [threading.Thread(target=inst, args=(i,)) for i in range(100)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(codes.count(202) == 1 and codes.count(409) == 99, 'one instantiation accepted, 99 refused 409 (%s)' % sorted(set(codes)))
    occ = wait_op(target, 'INSTANTIATE', set())
    check(occ['operationState'] == 'COMPLETED', 'that instantiation completes')
    check(count(target, 'INSTANTIATE') == 1, 'exactly one occurrence recorded')
    run_op(target, 'TERMINATE', lambda: c.terminate_vnf_instance(target, {'terminationType': 'FORCEFUL'}))

    gone = [None] * 101
    everyone = ids + [x['id'] for x in c.list_vnf_instances() if x['vnfInstanceName'] == 'only-one']

    def delete(i):
        gone[i] = requests.delete(url + '/vnflcm/v1/vnf_instances/' + everyone[i], headers=h, timeout=60).status_code

    threads = [threading.Thread(target=delete, args=(i,)) for i in range(len(everyone))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(gone[:len(everyone)].count(204) == 101, '101 deletes done (%s)' % sorted(set(gone)))
    check(len(c.list_vnf_instances()) == before, 'instances back to where they were')


step('onboard six packages (create, upload, poll)', t_onboard)
step('VNFD and package content downloads', t_vnfd)
step('refusals: 403 read-only, 404, 422, 400, 401', t_refusals)
step('LCM subscription with endpoint test', t_subscribe)
step('VNF lifecycle: create, instantiate, scale out/in, heal, operate, terminate, delete', t_lifecycle)
step('notifications delivered in order, filtered', t_notifications)
step('FAILED_TEMP: retry, rollback, fail', t_failed_temp)
step('NFVO: NSD upload, NS create, instantiate, terminate, delete', t_ns)
step('Tacker legacy VNFFGD and VNFFG', t_legacy)
step('100 concurrent clients', t_load)
print('%d passed, %d failed' % (passed, failed))
sys.exit(0 if failed == 0 else 1)
