$B/rrdump $B/data/qemu-every-kind.qlog
