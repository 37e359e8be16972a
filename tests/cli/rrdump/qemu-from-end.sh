$B/rrdump -e '~2' $B/data/qemu-every-kind.qlog
