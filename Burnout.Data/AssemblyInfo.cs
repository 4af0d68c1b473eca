namespace Burnout.Data;
