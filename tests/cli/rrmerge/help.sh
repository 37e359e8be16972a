$B/rrmerge --help
