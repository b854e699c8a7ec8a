#!/bin/sh
# Traffic Monitor VNF: start step, run by the Leaf agent in the NF directory.
set -eu
echo "monitor start: nf=${VINES_NF_NAME} address=${VINES_ADDRESS}"
