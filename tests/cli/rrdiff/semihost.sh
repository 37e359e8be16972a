# A SEMIHOST event is a host input: two logs that differ in one are told
# apart by it (here a READ's bytes), and a log against itself is equal.
$B/rrdiff $B/data/good-semihost.rr $B/data/good-semihost.rr
echo "rc=$?"
$B/rrdiff $B/data/good-semihost.rr $B/data/good-semihost-other.rr
echo "rc=$?"
