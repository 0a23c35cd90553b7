# expect: not allowed
import org.python.core.Py as Py
x = Py.getSystemState()
