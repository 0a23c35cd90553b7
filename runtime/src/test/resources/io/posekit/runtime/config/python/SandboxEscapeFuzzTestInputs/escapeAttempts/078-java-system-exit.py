# expect: not allowed
import java
java.lang.System.exit(0)
