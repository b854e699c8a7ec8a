#!/usr/bin/python3
"""Drives vines-cloudstack-sim with Apache libcloud's CloudStack driver (Debian python3-libcloud),
a client nobody here wrote, through the calls a basic client makes. Every step must succeed as it
would against a real CloudStack cloud; a bad secret must be refused.

usage: drive_sim.py API_URL API_KEY SECRET_KEY
prints one line per step and a closing 'N passed, N failed'; exit 0 only when all pass.
"""
import sys
import time
import traceback

try:
    from libcloud.compute.providers import get_driver
    from libcloud.compute.types import NodeState, Provider
    from libcloud.common.types import InvalidCredsError
except ImportError:
    print('SKIP: python3-libcloud is not installed')
    sys.exit(77)

url, key, secret = sys.argv[1:4]
Driver = get_driver(Provider.CLOUDSTACK)
drv = Driver(key, secret, url=url, secure=url.startswith('https'))
passed, failed = 0, 0
state = {}


def step(name, fn):
    global passed, failed
    try:
        detail = fn()
        passed += 1
        print('PASS %s%s' % (name, ' (%s)' % detail if detail else ''))
        return True
    except Exception as e:  # report and go on: each step is its own verdict
        failed += 1
        print('FAIL %s: %s: %s' % (name, type(e).__name__, e))
        traceback.print_exc(limit=2, file=sys.stderr)
        return False


def wait_state(node_id, want, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for n in drv.list_nodes():
            if n.id == node_id and n.state == want:
                return n
        time.sleep(0.2)
    raise AssertionError('node %s never reached %s' % (node_id, want))


step('list locations', lambda: [l.name for l in drv.list_locations()])
step('list sizes', lambda: sorted(s.name for s in drv.list_sizes()))
step('list images', lambda: [i.name for i in drv.list_images()])
step('list networks', lambda: [n.name for n in drv.ex_list_networks()])
step('list nodes', lambda: len(drv.list_nodes()))


def create():
    size = [s for s in drv.list_sizes() if s.name == 'small'][0]
    image = drv.list_images()[0]
    location = drv.list_locations()[0]
    node = drv.create_node(name='libcloud-node-1', size=size, image=image, location=location,
                           networks=drv.ex_list_networks())
    state['node'] = node
    assert node.id and node.name == 'libcloud-node-1', node
    return node.id


if step('create node', create):
    node = state['node']
    step('node running', lambda: wait_state(node.id, NodeState.RUNNING).private_ips)
    step('reboot node', lambda: drv.reboot_node(node))
    step('stop node', lambda: drv.ex_stop(node))
    step('node stopped', lambda: wait_state(node.id, NodeState.STOPPED) and 'stopped')
    step('start node', lambda: drv.ex_start(node))

    def ip():
        addr = drv.ex_allocate_public_ip(location=drv.list_locations()[0])
        state['ip'] = addr
        assert addr.address, addr
        return addr.address
    if step('allocate public IP', ip):
        addr = state['ip']
        step('list public IPs', lambda: [a.address for a in drv.ex_list_public_ips()])

        def firewall():
            rule = drv.ex_create_firewall_rule(addr, cidr_list='0.0.0.0/0', protocol='TCP', start_port=8080, end_port=8080)
            assert drv.ex_list_firewall_rules(), 'no firewall rules listed'
            assert drv.ex_delete_firewall_rule(rule)
            return rule.id
        step('firewall rule', firewall)

        def port_forwarding():
            rule = drv.ex_create_port_forwarding_rule(node, addr, private_port=9000, public_port=9000, protocol='TCP')
            assert [r for r in drv.ex_list_port_forwarding_rules() if r.id == rule.id], 'rule not listed'
            assert drv.ex_delete_port_forwarding_rule(node, rule)
            return rule.id
        step('port forwarding rule', port_forwarding)

        def static_nat():
            # libcloud has no call of its own for enableStaticNat: the raw request, then its IP forwarding rules.
            drv._sync_request(command='enableStaticNat', params={'ipaddressid': addr.id, 'virtualmachineid': node.id})
            node.extra.setdefault('ip_forwarding_rules', [])
            rule = drv.ex_create_ip_forwarding_rule(node, addr, 'TCP', 9000, 9001)
            found = [r for n in drv.list_nodes() if n.id == node.id for r in n.extra['ip_forwarding_rules'] if r.id == rule.id]
            assert found and int(found[0].start_port) == 9000, found
            assert drv.ex_delete_ip_forwarding_rule(node, rule)
            drv._async_request(command='disableStaticNat', params={'ipaddressid': addr.id})
            return rule.id
        step('static NAT', static_nat)
        step('release public IP', lambda: drv.ex_release_public_ip(addr))

    def tags():
        assert drv.ex_create_tags([node.id], 'UserVm', {'purpose': 'libcloud-test'})
        assert drv.ex_delete_tags([node.id], 'UserVm', ['purpose'])
    step('tags', tags)
    step('destroy node', lambda: drv.destroy_node(node))

bad = Driver(key, 'not-the-secret', url=url, secure=url.startswith('https'))


def refused():
    try:
        bad.list_nodes()
    except InvalidCredsError:
        return 'InvalidCredsError'
    raise AssertionError('a bad secret was accepted')
step('bad secret refused', refused)

print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
