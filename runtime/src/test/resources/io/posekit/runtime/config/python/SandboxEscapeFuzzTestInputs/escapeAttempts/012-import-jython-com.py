# expect: not allowed
import com.sun.management
x = 1
