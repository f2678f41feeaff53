# gmtime, localtime and strftime show the virtual wall clock (UTC).
import time
g = time.gmtime()
print(g.tm_year, g.tm_mon, g.tm_mday, g.tm_hour, g.tm_min, g.tm_sec, g.tm_wday, g.tm_yday)
print(time.strftime("%Y-%m-%d %H:%M:%S"))
print(time.strftime("%H:%M:%S", time.gmtime()))
time.sleep(3661.5)
print(time.strftime("%Y-%m-%d %H:%M:%S", time.localtime()))
l = time.localtime()
print(l.tm_hour, l.tm_min, l.tm_sec, l[0], l[3])
print(time.strftime("%a %b %d %j %%", time.gmtime(0)))
print(time.strftime("%Y/%m/%d", time.gmtime(86400 * 365)))
print(time.gmtime(1700000000)[:6])
