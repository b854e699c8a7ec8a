#!/bin/sh
# Virtual Router VNF: configure step, run by the Leaf agent in the NF directory.
set -eu
echo "router configure: nf=${VINES_NF_NAME} address=${VINES_ADDRESS}"
cat "${VINES_CONFIG_FILE}" | tr -d '\n ' ; echo
