#!/bin/sh
echo installing acme
