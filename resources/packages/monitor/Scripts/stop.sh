#!/bin/sh
# Traffic Monitor VNF: stop step, run by the Leaf agent in the NF directory.
set -eu
echo "monitor stop: nf=${VINES_NF_NAME} address=${VINES_ADDRESS}"
