#!/bin/sh
# Echo Sink VNF: stop step, run by the Leaf agent in the NF directory.
set -eu
echo "echo stop: nf=${VINES_NF_NAME} address=${VINES_ADDRESS}"
