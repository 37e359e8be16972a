$B/rrdump -j $B/data/qemu-every-kind.qlog
