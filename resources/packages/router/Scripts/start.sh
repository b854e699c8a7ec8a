#!/bin/sh
# Virtual Router VNF: start step, run by the Leaf agent in the NF directory.
set -eu
echo "router start: nf=${VINES_NF_NAME} address=${VINES_ADDRESS}"
