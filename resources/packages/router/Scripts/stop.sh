#!/bin/sh
# Virtual Router VNF: stop step, run by the Leaf agent in the NF directory.
set -eu
echo "router stop: nf=${VINES_NF_NAME} address=${VINES_ADDRESS}"
