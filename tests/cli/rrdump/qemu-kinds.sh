$B/rrdump -k 'shutdown,^shutdown-host-signal,checkpoint-init,27' -e 0-40 $B/data/qemu-every-kind.qlog
