$B/rrdump "$(printf 'no\tsuch\033file')"
