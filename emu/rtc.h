/* The goldfish RTC: state, registers, snapshot section "rtc", hash part. */
#ifndef EMU_RTC_H
#define EMU_RTC_H

#include <stddef.h>
#include <stdint.h>

#define RTC_BASE	0x00101000u
#define RTC_SIZE	0x24u		/* the goldfish registers only */

struct machine;
struct rr_snap;

struct rtc {
	uint32_t	 time_high;	/* latched by a TIME_LOW read */
	uint32_t	 alarm_low, alarm_high;
	uint32_t	 irq_enabled, alarm_running, irq_pending;
	uint64_t	 tick_offset;	/* guest-set time minus host clock */
};

/* off is word-aligned: the bus passes aligned 32-bit accesses only. */
int		 rtc_read(struct machine *m, uint32_t off, uint32_t *val);
int		 rtc_write(struct machine *m, uint32_t off, uint32_t val);
void		 rtc_reset(struct rtc *r);
int		 rtc_save(const struct rtc *r, struct rr_snap *s);
int		 rtc_load(struct rtc *r, const struct rr_snap *s, size_t sec,
		    char *err, size_t errlen);
uint64_t	 rtc_hash(const struct machine *m);

#endif /* EMU_RTC_H */
