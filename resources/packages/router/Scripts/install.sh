#!/bin/sh
# Virtual Router VNF: install step, run by the Leaf agent in the NF directory.
set -eu
echo "router install: nf=${VINES_NF_NAME} address=${VINES_ADDRESS}"
test -f Files/README.txt || { echo "Files/README.txt missing" >&2; exit 1; }
date -u +%Y-%m-%dT%H:%M:%SZ > installed-at
